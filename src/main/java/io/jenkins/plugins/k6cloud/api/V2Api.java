package io.jenkins.plugins.k6cloud.api;

import static io.jenkins.plugins.k6cloud.api.ApiRequest.positive;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;

/** The legacy k6 Cloud REST API v2 ({@code /loadtests/v2}): answers in envelopes ({@code k6-run}, ...). */
final class V2Api extends FlavourApi {
    static final String RUN = "k6-run";
    static final String RUNS = "k6-runs";
    static final String TEST = "k6-test";
    static final String THRESHOLDS = "k6-thresholds";

    /** Always asked for with {@code $select}, so that no script or archive comes along. */
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

    /** As the official k6 Grafana data source. */
    static final int PAGE_SIZE = 50;

    static final int MAX_PAGES = 200;

    V2Api() {
        super("Token", "the k6 Cloud web app", false, 0);
    }

    @Override
    ApiRequest startRun(long testId) {
        return ApiRequest.post("/loadtests/v2/tests/" + positive(testId, "load test") + "/start-testrun");
    }

    @Override
    TestRun startedRun(ApiResponse answer) throws K6CloudException {
        return run(answer.envelope(RUN), null);
    }

    /** The answer is not documented: any 2xx counts as accepted. */
    @Override
    ApiRequest stopRun(long runId) {
        return ApiRequest.post("/loadtests/v2/runs/" + positive(runId, "run") + "/stop");
    }

    @Override
    ApiRequest checkToken() {
        return ApiRequest.get("/v3/organizations");
    }

    @Override
    TestRun getRun(Call call, long runId) throws K6CloudException {
        ApiResponse answer = call.send(
                ApiRequest.get("/loadtests/v2/runs/" + positive(runId, "run")).select(RUN_FIELDS));
        return run(answer.envelope(RUN), runId);
    }

    @Override
    List<Threshold> getThresholds(Call call, long runId) throws K6CloudException {
        ApiResponse answer =
                call.send(ApiRequest.get("/loadtests/v2/thresholds").param("test_run_id", positive(runId, "run")));
        return answer.envelopeArray(answer.json(), THRESHOLDS).stream()
                .map(V2Api::threshold)
                .toList();
    }

    @Override
    LoadTest getLoadTest(Call call, long testId) throws K6CloudException {
        ApiResponse answer = call.send(ApiRequest.get("/loadtests/v2/tests/" + positive(testId, "load test"))
                .select(TEST_FIELDS));
        return K6CloudJson.loadTest(answer.envelope(TEST), testId);
    }

    /** v2 has no creation filter and documents no order: every page is read until {@code meta.count}. */
    @Override
    List<TestRun> listRuns(Call call, long testId, Instant createdAfter) throws K6CloudException {
        positive(testId, "load test");
        PagedRuns runs = new PagedRuns(o -> run(o, null), createdAfter, false);
        long received = 0;
        for (int page = 1; page <= MAX_PAGES; page++) {
            ApiResponse answer = call.send(ApiRequest.get("/loadtests/v2/runs")
                    .param("test_id", testId)
                    .param("order_by", createdAfter != null ? "-created" : null)
                    .param("page", page)
                    .param("page_size", PAGE_SIZE));
            JsonObject root = answer.json();
            List<JsonObject> onPage = answer.envelopeArray(root, RUNS);
            received += onPage.size();
            Long count = K6CloudJson.longValue(K6CloudJson.object(root, "meta"), "count");
            if (!runs.add(onPage) || (count != null ? received >= count : onPage.size() < PAGE_SIZE)) {
                break;
            }
        }
        return runs.list();
    }

    static TestRun run(JsonObject o, Long fallbackId) {
        Long id = K6CloudJson.id(o, fallbackId);
        if (id == null) {
            return null;
        }
        return new TestRun(
                id,
                K6CloudJson.longValue(o, "test_id"),
                K6CloudJson.intValue(o, "run_status"),
                K6CloudJson.intValue(o, "processing_status"),
                K6CloudJson.intValue(o, "result_status"),
                K6CloudJson.instant(o, "created"),
                K6CloudJson.instant(o, "started"),
                K6CloudJson.instant(o, "ended"),
                K6CloudJson.intValue(o, "vus"),
                K6CloudJson.intValue(o, "duration"),
                K6CloudJson.intValue(o, "error_code"),
                K6CloudJson.string(o, "error_detail"),
                K6CloudJson.string(K6CloudJson.object(o, "k6_runtime_config"), "testRunDetails"),
                null);
    }

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
}
