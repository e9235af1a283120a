package io.jenkins.plugins.k6cloud.api;

import static io.jenkins.plugins.k6cloud.api.ApiRequest.positive;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;

/**
 * Grafana Cloud k6's REST API v6 ({@code /cloud/v6}): {@code Authorization: Bearer} and the required
 * {@code X-Stack-Id}, bare JSON answers, lists that follow {@code @nextLink}.
 *
 * <ul>
 *   <li>A start sent again with the same {@code K6-Idempotency-Key} within 10 minutes returns the
 *       same run (documented), so an ambiguous start may be sent again ({@link Retrier#start}).
 *   <li>The token check is {@code GET /cloud/v6/projects?$top=1}: it needs exactly the token and the
 *       stack id every other call needs. ({@code GET /cloud/v6/auth}, which k6 uses at login, checks
 *       a token against a stack <em>URL</em> given as {@code X-Stack-Url}; the plugin has a stack id.)
 *   <li>v6 documents no threshold endpoint: {@link #getThresholds} returns an empty list without a
 *       request (a run aborted by a threshold is still recognised from its status and result).
 *   <li>Tests as code ({@link ScriptUpload}): the default project is the one of
 *       {@code GET /cloud/v6/projects} marked {@code is_default}; a load test is found by exact name
 *       with {@code GET /cloud/v6/projects/{id}/load_tests?name=}, created with
 *       {@code POST /cloud/v6/projects/{id}/load_tests} ({@code multipart/form-data}: {@code name},
 *       and the script as the file part {@code script}), its script replaced with
 *       {@code PUT /cloud/v6/load_tests/{id}/script} (the bytes as {@code application/octet-stream});
 *       a run's note is set with {@code PATCH /cloud/v6/test_runs/{id}} {@code {"note": ...}}.
 *   <li>Lists follow {@code @nextLink} on the client's own base URL (never to another host, so the
 *       token goes nowhere else), at most {@link #MAX_PAGES} pages.
 * </ul>
 *
 * <p>Runs are mapped into the model shared with v2, so that the engine's one verdict table judges
 * both. Lenient like {@link K6CloudJson}. The run mapping:
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
final class V6Api implements FlavourApi {
    static final String PREFIX = "/cloud/v6";

    /** The start answer's link to the run page in Grafana Cloud (read runs do not have it). */
    static final String DETAILS_PAGE_URL = "test_run_details_page_url";

    static final String VALUE = "value";
    static final String NEXT_LINK = "@nextLink";

    /** {@code $top} of list requests (the API allows up to 1000). */
    static final int PAGE_SIZE = 200;

    /** No list is followed further than this. */
    static final int MAX_PAGES = 100;

    @Override
    public String authScheme() {
        return "Bearer";
    }

    @Override
    public String webApp() {
        return "Grafana Cloud k6";
    }

    @Override
    public boolean resendsStartSafely() {
        return true;
    }

    @Override
    public ApiRequest startRun(long testId) {
        return ApiRequest.postEmpty(PREFIX + "/load_tests/" + positive(testId, "load test") + "/start");
    }

    @Override
    public TestRun startedRun(ApiResponse answer) throws K6CloudException {
        return run(answer.json(), null);
    }

    /** {@code POST /cloud/v6/test_runs/{id}/abort}: 204 means accepted, 409 that the run is no longer running. */
    @Override
    public ApiRequest stopRun(long runId) {
        return ApiRequest.postEmpty(PREFIX + "/test_runs/" + positive(runId, "run") + "/abort");
    }

    @Override
    public boolean refusalMeansEnded(int status) {
        return status == 409;
    }

    @Override
    public ApiRequest checkToken() {
        return ApiRequest.get(PREFIX + "/projects").encodedParam("$top", "1");
    }

    @Override
    public TestRun getRun(Call call, long runId) throws K6CloudException {
        return run(
                call.send(ApiRequest.get(PREFIX + "/test_runs/" + positive(runId, "run")))
                        .json(),
                runId);
    }

    /** v6 documents no threshold endpoint: always empty, no request. */
    @Override
    public List<Threshold> getThresholds(Call call, long runId) {
        positive(runId, "run");
        return List.of();
    }

    /** A load test ({@code LoadTestApiModel}). */
    @Override
    public LoadTest getLoadTest(Call call, long testId) throws K6CloudException {
        ApiResponse answer = call.send(ApiRequest.get(PREFIX + "/load_tests/" + positive(testId, "load test")));
        return K6CloudJson.loadTest(answer.json(), testId);
    }

    /** The project marked {@code is_default} among every page of {@code GET /cloud/v6/projects}, or {@code null}. */
    Long defaultProjectId(Call call) throws K6CloudException {
        JsonObject project = first(
                call,
                ApiRequest.get(PREFIX + "/projects"),
                p -> K6CloudJson.isTrue(p, "is_default") && K6CloudJson.longValue(p, "id") != null);
        return project == null ? null : K6CloudJson.longValue(project, "id");
    }

    /** {@code GET /cloud/v6/projects/{id}/load_tests?name=}: the test named exactly {@code name}, if any. */
    Optional<LoadTest> findLoadTest(Call call, long projectId, String name) throws K6CloudException {
        ApiRequest request = ApiRequest.get(PREFIX + "/projects/" + positive(projectId, "project") + "/load_tests")
                .param("name", name);
        JsonObject test = first(
                call, request, t -> name.equals(K6CloudJson.string(t, "name")) && K6CloudJson.id(t, null) != null);
        return test == null ? Optional.empty() : Optional.of(K6CloudJson.loadTest(test, 0));
    }

    /** {@code POST /cloud/v6/projects/{id}/load_tests}, {@code multipart/form-data} with {@code name} and {@code script}. */
    ApiRequest createLoadTest(long projectId, String name, String fileName, RequestBody script) {
        RequestBody form = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("name", name)
                .addFormDataPart("script", fileName, script)
                .build();
        return ApiRequest.withBody(
                "POST", PREFIX + "/projects/" + positive(projectId, "project") + "/load_tests", form);
    }

    /** {@code PUT /cloud/v6/load_tests/{id}/script} with the script's bytes. */
    ApiRequest replaceScript(long testId, RequestBody script) {
        return ApiRequest.withBody("PUT", PREFIX + "/load_tests/" + positive(testId, "load test") + "/script", script);
    }

    /** {@code PATCH /cloud/v6/test_runs/{id}} {@code {"note": ...}}. */
    ApiRequest setNote(long runId, String note) {
        JsonObject body = new JsonObject();
        body.addProperty("note", note);
        return ApiRequest.withBody(
                "PATCH", PREFIX + "/test_runs/" + positive(runId, "run"), ApiRequest.json(body.toString()));
    }

    /**
     * The first item of a list that {@code wanted} accepts, following {@code @nextLink} (at most
     * {@link #MAX_PAGES} pages); {@code null} when there is none.
     */
    private static JsonObject first(Call call, ApiRequest request, Predicate<JsonObject> wanted)
            throws K6CloudException {
        for (int page = 1; page <= MAX_PAGES; page++) {
            ApiResponse answer = call.send(request);
            JsonObject root = answer.json();
            for (JsonObject item : answer.envelopeArray(root, VALUE)) {
                if (wanted.test(item)) {
                    return item;
                }
            }
            String next = K6CloudJson.string(root, NEXT_LINK);
            if (next == null || next.isBlank()) {
                break;
            }
            request = nextPage(next, answer);
        }
        return null;
    }

    /**
     * {@code GET /cloud/v6/load_tests/{id}/test_runs}, newest first ({@code $orderby}), with
     * {@code $top}; with {@code createdAfter} also {@code created_after}, and paging stops at the first
     * older run (in case the server ignores the filter). Then follows {@code @nextLink} until there is
     * none, a page is empty or brings nothing new, or {@link #MAX_PAGES}.
     */
    @Override
    public List<TestRun> listRuns(Call call, long testId, Instant createdAfter) throws K6CloudException {
        ApiRequest request = ApiRequest.get(PREFIX + "/load_tests/" + positive(testId, "load test") + "/test_runs")
                .encodedParam("$orderby", "created%20desc");
        if (createdAfter != null) {
            request.param("created_after", createdAfter.toString());
        }
        request.encodedParam("$top", Integer.toString(PAGE_SIZE));
        PagedRuns runs = new PagedRuns(o -> run(o, null), createdAfter, true);
        for (int page = 1; page <= MAX_PAGES; page++) {
            ApiResponse answer = call.send(request);
            JsonObject root = answer.json();
            String next = K6CloudJson.string(root, NEXT_LINK);
            if (!runs.add(answer.envelopeArray(root, VALUE)) || next == null || next.isBlank()) {
                break;
            }
            request = nextPage(next, answer);
        }
        return runs.list();
    }

    /**
     * The request for an {@code @nextLink}: its {@code /cloud/v6/...} path and its query, sent to the
     * client's base URL whatever host the link names.
     */
    private static ApiRequest nextPage(String link, ApiResponse current) throws ProtocolException {
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

    /** A run; {@code fallbackId} is used when the object has no readable {@code id}, {@code null} means "skip it". */
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
                    // a status this plugin does not know, which the engine never takes for an end
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
        if (run == RunStatus.ABORTED_BY_SYSTEM) { // quoted from result_details, else status_details.extra
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

    private static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
