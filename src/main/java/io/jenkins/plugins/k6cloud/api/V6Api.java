package io.jenkins.plugins.k6cloud.api;

import static io.jenkins.plugins.k6cloud.api.ApiRequest.positive;

import com.google.gson.JsonObject;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import okhttp3.HttpUrl;

/**
 * Grafana Cloud k6's REST API v6 ({@code /cloud/v6}). An {@code @nextLink} is followed on our own base
 * URL, so the token goes to no other host. The token check is {@code GET /cloud/v6/projects?$top=1}
 * ({@code /cloud/v6/auth}, k6's login check, wants a stack URL). v6 has no threshold endpoint.
 *
 * <p>Runs map into the model shared with v2, so one verdict table judges both:
 *
 * <pre>
 * v6 status            v6 result        run_status                processing   result_status
 * created/queued/initializing/running   CREATED/QUEUED/INITIALIZING/RUNNING   -   -
 * processing_metrics   passed/failed/-  FINISHED (3)              PROCESSING   0/1/-
 * completed            passed/failed/-  FINISHED (3)              FINISHED     0/1/-
 * completed            error            ABORTED_BY_SYSTEM (6)     FINISHED     -       + error code/message
 * aborted              failed           ABORTED_BY_THRESHOLD (8)  FINISHED     FAILED
 * aborted, by_user set any              ABORTED_BY_USER (5)       FINISHED     -
 * aborted              other            ABORTED_BY_SYSTEM (6)     FINISHED     -       + error code/message
 * anything else        any              UNKNOWN, never terminal; the status text kept ({@link TestRun#statusText()})
 * </pre>
 *
 * <p>"completed" with result "error" means "the execution was not completed" (API reference), and k6
 * itself fails such a run (exit code 97). An error is quoted from {@code result_details}, else
 * {@code status_details.extra}.
 */
final class V6Api extends FlavourApi {
    static final String PREFIX = "/cloud/v6";

    static final String DETAILS_PAGE_URL = "test_run_details_page_url";

    static final String VALUE = "value";
    static final String NEXT_LINK = "@nextLink";

    static final int PAGE_SIZE = 200;

    static final int MAX_PAGES = 100;

    V6Api() {
        super("Bearer", "Grafana Cloud k6", true, 409);
    }

    @Override
    ApiRequest startRun(long testId) {
        return ApiRequest.postEmpty(PREFIX + "/load_tests/" + positive(testId, "load test") + "/start");
    }

    @Override
    TestRun startedRun(ApiResponse answer) throws K6CloudException {
        return run(answer.json(), null);
    }

    @Override
    ApiRequest stopRun(long runId) {
        return ApiRequest.postEmpty(PREFIX + "/test_runs/" + positive(runId, "run") + "/abort");
    }

    @Override
    ApiRequest checkToken() {
        return ApiRequest.get(PREFIX + "/projects").encodedParam("$top", "1");
    }

    @Override
    TestRun getRun(Call call, long runId) throws K6CloudException {
        return run(
                call.send(ApiRequest.get(PREFIX + "/test_runs/" + positive(runId, "run")))
                        .json(),
                runId);
    }

    @Override
    List<Threshold> getThresholds(Call call, long runId) {
        positive(runId, "run");
        return List.of();
    }

    @Override
    LoadTest getLoadTest(Call call, long testId) throws K6CloudException {
        ApiResponse answer = call.send(ApiRequest.get(PREFIX + "/load_tests/" + positive(testId, "load test")));
        return K6CloudJson.loadTest(answer.json(), testId);
    }

    /** Newest first, {@code created_after} when given; paging stops at an older run (a server ignoring the filter). */
    @Override
    List<TestRun> listRuns(Call call, long testId, Instant createdAfter) throws K6CloudException {
        ApiRequest request = ApiRequest.get(PREFIX + "/load_tests/" + positive(testId, "load test") + "/test_runs")
                .encodedParam("$orderby", "created%20desc");
        if (createdAfter != null) {
            request.param("created_after", createdAfter.toString());
        }
        request.encodedParam("$top", Integer.toString(PAGE_SIZE));
        PagedRuns runs = new PagedRuns(o -> run(o, null), createdAfter, true);
        pages(call, request, runs::add);
        return runs.list();
    }

    /** Reads a list page by page, following {@code @nextLink} while {@code more} says so. */
    static void pages(Call call, ApiRequest request, Predicate<List<JsonObject>> more) throws K6CloudException {
        for (int page = 1; request != null && page <= MAX_PAGES; page++) {
            ApiResponse answer = call.send(request);
            JsonObject root = answer.json();
            request = more.test(answer.envelopeArray(root, VALUE)) ? nextPage(root, answer) : null;
        }
    }

    /** The {@code @nextLink} of {@code root}, on our base URL whatever host it names; {@code null} for none. */
    private static ApiRequest nextPage(JsonObject root, ApiResponse current) throws ProtocolException {
        String link = K6CloudJson.string(root, NEXT_LINK);
        if (link == null || link.isBlank()) {
            return null;
        }
        HttpUrl url = HttpUrl.parse(link);
        if (url == null && link.startsWith("/")) {
            url = HttpUrl.parse("http://next.link" + link);
        }
        int at = url == null ? -1 : url.encodedPath().indexOf(PREFIX + "/");
        if (at < 0) {
            throw new ProtocolException(
                    "k6 Cloud answered " + current.request() + " with a next-page link that is not"
                            + " a /cloud/v6 URL (\"" + K6CloudJson.snippet(link) + "\"). Check the k6 Cloud API URL.",
                    current.request(),
                    current.status(),
                    null);
        }
        ApiRequest next = ApiRequest.get(url.encodedPath().substring(at));
        String query = url.encodedQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    next.encodedParam(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? null : pair.substring(eq + 1));
                }
            }
        }
        return next;
    }

    static TestRun run(JsonObject o, Long fallbackId) {
        Long id = K6CloudJson.id(o, fallbackId);
        if (id == null) {
            return null;
        }
        String status = lower(K6CloudJson.string(o, "status"));
        String result = lower(K6CloudJson.string(o, "result"));
        RunStatus run =
                switch (status) {
                    case "created" -> RunStatus.CREATED;
                    case "queued" -> RunStatus.QUEUED;
                    case "initializing" -> RunStatus.INITIALIZING;
                    case "running" -> RunStatus.RUNNING;
                    case "processing_metrics" -> RunStatus.FINISHED;
                    case "completed" -> result.equals("error") ? RunStatus.ABORTED_BY_SYSTEM : RunStatus.FINISHED;
                    case "aborted" ->
                        result.equals("failed")
                                ? RunStatus.ABORTED_BY_THRESHOLD
                                : abortedByUser(o) ? RunStatus.ABORTED_BY_USER : RunStatus.ABORTED_BY_SYSTEM;
                    default -> RunStatus.UNKNOWN;
                };
        Integer processing =
                switch (status) {
                    case "processing_metrics" -> ProcessingStatus.PROCESSING.code();
                    case "completed", "aborted" -> ProcessingStatus.FINISHED.code();
                    default -> null;
                };
        Integer resultStatus =
                switch (run) {
                    case FINISHED -> passedOrFailed(result);
                    case ABORTED_BY_THRESHOLD -> ResultStatus.FAILED.code();
                    default -> null;
                };
        Integer errorCode = null;
        String errorMessage = null;
        if (run == RunStatus.ABORTED_BY_SYSTEM) {
            JsonObject details = K6CloudJson.object(o, "result_details");
            JsonObject extra = K6CloudJson.object(K6CloudJson.object(o, "status_details"), "extra");
            errorCode = K6CloudJson.intValue(details, "code");
            errorCode = errorCode != null ? errorCode : K6CloudJson.intValue(extra, "code");
            errorMessage = blankToNull(K6CloudJson.string(details, "message"));
            errorMessage = errorMessage != null ? errorMessage : blankToNull(K6CloudJson.string(extra, "message"));
        }
        String statusText = run == RunStatus.UNKNOWN ? blankToNull(K6CloudJson.string(o, "status")) : null;
        return new TestRun(
                id,
                K6CloudJson.longValue(o, "test_id"),
                run == RunStatus.UNKNOWN ? null : run.code(),
                processing,
                resultStatus,
                K6CloudJson.instant(o, "created"),
                enteredFirst(o, "running"),
                K6CloudJson.instant(o, "ended"),
                K6CloudJson.intValue(o, "max_vus"),
                K6CloudJson.intValue(o, "estimated_duration"),
                errorCode,
                errorMessage,
                blankToNull(K6CloudJson.string(o, DETAILS_PAGE_URL)),
                statusText == null ? null : K6CloudJson.snippet(statusText));
    }

    private static Integer passedOrFailed(String result) {
        return switch (result) {
            case "passed" -> ResultStatus.PASSED.code();
            case "failed" -> ResultStatus.FAILED.code();
            default -> null;
        };
    }

    static boolean abortedByUser(JsonObject run) {
        if (byUser(K6CloudJson.object(run, "status_details"))) {
            return true;
        }
        for (JsonObject entry : K6CloudJson.objects(run.get("status_history"))) {
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

    private static Instant enteredFirst(JsonObject run, String type) {
        for (JsonObject entry : K6CloudJson.objects(run.get("status_history"))) {
            if (type.equals(lower(K6CloudJson.string(entry, "type")))) {
                return K6CloudJson.instant(entry, "entered");
            }
        }
        JsonObject details = K6CloudJson.object(run, "status_details");
        return type.equals(lower(K6CloudJson.string(details, "type"))) ? K6CloudJson.instant(details, "entered") : null;
    }

    private static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
