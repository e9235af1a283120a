package io.jenkins.plugins.k6cloud.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps v6 ({@code /cloud/v6}) JSON objects into the model shared with v2, so that the engine's one
 * verdict table judges both. Lenient like {@link K6CloudJson}. The run mapping:
 *
 * <pre>
 * v6 status            v6 result        run_status                processing   result_status
 * created              -                CREATED (-2)              -            -
 * queued               -                QUEUED (0)                -            -
 * initializing         -                INITIALIZING (1)          -            -
 * running              -                RUNNING (2)               -            -
 * processing_metrics   passed/failed/-  FINISHED (3)              PROCESSING   0/1/-
 * completed            passed           FINISHED (3)              FINISHED     PASSED
 * completed            failed           FINISHED (3)              FINISHED     FAILED
 * completed            error            ABORTED_BY_SYSTEM (6)     FINISHED     -       + error code/message (so: failed)
 * completed            null             FINISHED (3)              FINISHED     -       (so: no result)
 * aborted              failed           ABORTED_BY_THRESHOLD (8)  FINISHED     FAILED
 * aborted, by_user set any              ABORTED_BY_USER (5)       FINISHED     -
 * aborted              other            ABORTED_BY_SYSTEM (6)     FINISHED     -       + error code/message
 * anything else        any              UNKNOWN (null), never terminal; the status text is kept ({@link TestRun#statusText()})
 * </pre>
 *
 * <p>"completed" with result "error" means, in the API's words, that "the execution was not
 * completed", and k6 itself treats it as a failed run (exit code 97): it is read as a run that
 * k6 Cloud ended with an error (a failed build), quoting {@code result_details}. The error of an
 * abort comes from {@code result_details} first, then {@code status_details.extra}.
 */
final class V6Json {
    /** The start answer's link to the run page in Grafana Cloud (read runs do not have it). */
    static final String DETAILS_PAGE_URL = "test_run_details_page_url";

    static final String VALUE = "value";
    static final String NEXT_LINK = "@nextLink";

    private V6Json() {}

    /** A run; {@code fallbackId} is used when the object has no readable {@code id}, {@code null} means "skip it". */
    static TestRun run(JsonObject o, Long fallbackId) {
        Long id = K6CloudJson.id(o, fallbackId);
        if (id == null) {
            return null;
        }
        TestRun.Builder b = TestRun.builder(id)
                .testId(K6CloudJson.longValue(o, "test_id"))
                .created(K6CloudJson.instant(o, "created"))
                .started(enteredFirst(o, "running"))
                .ended(K6CloudJson.instant(o, "ended"))
                .vus(K6CloudJson.intValue(o, "max_vus"))
                .durationSeconds(K6CloudJson.intValue(o, "estimated_duration"))
                .webUrl(blankToNull(K6CloudJson.string(o, DETAILS_PAGE_URL)));
        mapStatus(o, b);
        return b.build();
    }

    private static void mapStatus(JsonObject o, TestRun.Builder b) {
        String status = lower(K6CloudJson.string(o, "status"));
        String result = lower(K6CloudJson.string(o, "result"));
        switch (status) {
            case "created":
                b.runStatus(RunStatus.CREATED.code());
                break;
            case "queued":
                b.runStatus(RunStatus.QUEUED.code());
                break;
            case "initializing":
                b.runStatus(RunStatus.INITIALIZING.code());
                break;
            case "running":
                b.runStatus(RunStatus.RUNNING.code());
                break;
            case "processing_metrics":
                b.runStatus(RunStatus.FINISHED.code())
                        .processingStatus(ProcessingStatus.PROCESSING.code())
                        .resultStatus(passedOrFailed(result));
                break;
            case "completed":
                b.processingStatus(ProcessingStatus.FINISHED.code());
                if (result.equals("error")) {
                    b.runStatus(RunStatus.ABORTED_BY_SYSTEM.code());
                    quoteError(o, b);
                } else {
                    b.runStatus(RunStatus.FINISHED.code()).resultStatus(passedOrFailed(result));
                }
                break;
            case "aborted":
                b.processingStatus(ProcessingStatus.FINISHED.code());
                if (result.equals("failed")) {
                    b.runStatus(RunStatus.ABORTED_BY_THRESHOLD.code()).resultStatus(ResultStatus.FAILED.code());
                } else if (abortedByUser(o)) {
                    b.runStatus(RunStatus.ABORTED_BY_USER.code());
                } else {
                    b.runStatus(RunStatus.ABORTED_BY_SYSTEM.code());
                    quoteError(o, b);
                }
                break;
            default:
                // a status this plugin does not know: UNKNOWN, which the engine never takes for an end
                String text = blankToNull(K6CloudJson.string(o, "status"));
                b.statusText(text == null ? null : K6CloudJson.snippet(text));
                break;
        }
    }

    private static Integer passedOrFailed(String result) {
        switch (result) {
            case "passed":
                return ResultStatus.PASSED.code();
            case "failed":
                return ResultStatus.FAILED.code();
            default:
                return null;
        }
    }

    /** {@code by_user} in {@code status_details.extra} or in an {@code aborted} entry of {@code status_history}. */
    static boolean abortedByUser(JsonObject run) {
        if (byUser(K6CloudJson.object(run, "status_details"))) {
            return true;
        }
        for (JsonObject entry : history(run)) {
            if ("aborted".equals(lower(K6CloudJson.string(entry, "type"))) && byUser(entry)) {
                return true;
            }
        }
        return false;
    }

    private static boolean byUser(JsonObject statusEntry) {
        String user = K6CloudJson.string(K6CloudJson.object(statusEntry, "extra"), "by_user");
        return user != null && !user.isBlank();
    }

    private static void quoteError(JsonObject o, TestRun.Builder b) {
        JsonObject result = K6CloudJson.object(o, "result_details");
        JsonObject extra = K6CloudJson.object(K6CloudJson.object(o, "status_details"), "extra");
        String message = blankToNull(K6CloudJson.string(result, "message"));
        if (message == null) {
            message = blankToNull(K6CloudJson.string(extra, "message"));
        }
        Integer code = K6CloudJson.intValue(result, "code");
        if (code == null) {
            code = K6CloudJson.intValue(extra, "code");
        }
        b.errorDetail(message).errorCode(code);
    }

    /** When the run first entered {@code type}, from {@code status_history} (or {@code status_details}). */
    private static Instant enteredFirst(JsonObject run, String type) {
        for (JsonObject entry : history(run)) {
            if (type.equals(lower(K6CloudJson.string(entry, "type")))) {
                return K6CloudJson.instant(entry, "entered");
            }
        }
        JsonObject details = K6CloudJson.object(run, "status_details");
        return type.equals(lower(K6CloudJson.string(details, "type"))) ? K6CloudJson.instant(details, "entered") : null;
    }

    private static List<JsonObject> history(JsonObject run) {
        List<JsonObject> out = new ArrayList<>();
        JsonElement h = run.get("status_history");
        if (h != null && h.isJsonArray()) {
            for (JsonElement e : (JsonArray) h) {
                if (e.isJsonObject()) {
                    out.add(e.getAsJsonObject());
                }
            }
        }
        return out;
    }

    /** A load test ({@code LoadTestApiModel}); {@code null} when it has no readable id and no fallback. */
    static LoadTest loadTest(JsonObject o, Long fallbackId) {
        return K6CloudJson.loadTest(o, fallbackId);
    }

    private static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
