package io.jenkins.plugins.k6cloud.api;

import com.google.gson.JsonObject;
import java.util.List;

/** Maps v2 ({@code /loadtests/v2}) JSON objects into the model. Lenient: see {@link K6CloudJson}. */
final class V2Json {
    static final String RUN = "k6-run";
    static final String RUNS = "k6-runs";
    static final String TEST = "k6-test";
    static final String THRESHOLDS = "k6-thresholds";

    /** The run fields the engine needs; always asked for with {@code $select} so that no script or archive comes along. */
    static final List<String> RUN_FIELDS = List.of(
            "id",
            "test_id",
            "run_status",
            "processing_status",
            "result_status",
            "created",
            "started",
            "ended",
            "vus",
            "duration",
            "error_code",
            "error_detail");

    static final List<String> TEST_FIELDS = List.of("id", "name", "project_id");

    private V2Json() {}

    /** A run; {@code fallbackId} is used when the object has no readable {@code id}, {@code null} means "skip it". */
    static TestRun run(JsonObject o, Long fallbackId) {
        Long id = K6CloudJson.id(o, fallbackId);
        if (id == null) {
            return null;
        }
        JsonObject runtime = K6CloudJson.object(o, "k6_runtime_config");
        return TestRun.builder(id)
                .testId(K6CloudJson.longValue(o, "test_id"))
                .runStatus(K6CloudJson.intValue(o, "run_status"))
                .processingStatus(K6CloudJson.intValue(o, "processing_status"))
                .resultStatus(K6CloudJson.intValue(o, "result_status"))
                .created(K6CloudJson.instant(o, "created"))
                .started(K6CloudJson.instant(o, "started"))
                .ended(K6CloudJson.instant(o, "ended"))
                .vus(K6CloudJson.intValue(o, "vus"))
                .durationSeconds(K6CloudJson.intValue(o, "duration"))
                .errorCode(K6CloudJson.intValue(o, "error_code"))
                .errorDetail(K6CloudJson.string(o, "error_detail"))
                .webUrl(K6CloudJson.string(runtime, "testRunDetails"))
                .build();
    }

    /** A threshold; a missing {@code tainted} reads as not crossed, a missing name as {@code "threshold <id>"}. */
    static Threshold threshold(JsonObject o) {
        String name = K6CloudJson.string(o, "name");
        if (name == null || name.isBlank()) {
            String id = K6CloudJson.string(o, "id");
            name = id == null ? "(unnamed threshold)" : "threshold " + id;
        }
        return new Threshold(
                name,
                K6CloudJson.string(o, "stat"),
                K6CloudJson.doubleValue(o, "calculated_value"),
                K6CloudJson.isTrue(o, "tainted"));
    }

    /** A load test; {@code null} when it has no readable id (unless a fallback is given). */
    static LoadTest loadTest(JsonObject o, Long fallbackId) {
        return K6CloudJson.loadTest(o, fallbackId);
    }
}
