package io.jenkins.plugins.k6cloud.api;

import static io.jenkins.plugins.k6cloud.api.ApiRequest.positive;

import com.google.gson.JsonObject;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.logging.Logger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The k6 Cloud client for the Grafana Cloud k6 REST API v6 ({@code /cloud/v6}) over OkHttp: same
 * transport, retries and safe start as the v2 client, with {@code Authorization: Bearer} and the
 * required {@code X-Stack-Id}. Runs are mapped into the shared model by {@link V6Json}.
 *
 * <ul>
 *   <li>Start sends a {@code K6-Idempotency-Key} made once per {@link #startRun} call and reused by
 *       every attempt, so a start sent again after a lost answer returns the same run; it is not sent
 *       again once k6 Cloud may have forgotten the key (it keeps them 10 minutes, {@link RunStarter}).
 *       Only v6 sends a start again after an ambiguous failure.
 *   <li>The token check is {@code GET /cloud/v6/projects?$top=1}: it needs exactly the token and the
 *       stack id every other call needs. ({@code GET /cloud/v6/auth}, which k6 uses at login, checks
 *       a token against a stack <em>URL</em> given as {@code X-Stack-Url}; the plugin has a stack id.)
 *   <li>v6 documents no threshold endpoint: {@link #getThresholds} returns an empty list without a
 *       request (a run aborted by a threshold is still recognised from its status and result).
 *   <li>Lists follow {@code @nextLink} on this client's own base URL (never to another host, so the
 *       token goes nowhere else), at most {@link #MAX_PAGES} pages.
 * </ul>
 *
 * Thread-safe.
 */
public final class V6K6CloudClient implements K6CloudClient {
    private static final Logger LOG = Logger.getLogger(V6K6CloudClient.class.getName());

    static final String PREFIX = "/cloud/v6";
    static final String IDEMPOTENCY_KEY = "K6-Idempotency-Key";

    /** {@code $top} of list requests (the API allows up to 1000). */
    static final int PAGE_SIZE = 200;

    /** No list is followed further than this. */
    static final int MAX_PAGES = 100;

    private final ApiTransport transport;
    private final Retrier retrier;
    private final RunStarter starter;
    private final Supplier<String> idempotencyKeys;

    /**
     * @param options must carry the Grafana stack id
     * @throws IllegalArgumentException when the stack id is missing (before any request is made), or
     *     {@code baseUri} is not an http(s) URL
     */
    public V6K6CloudClient(OkHttpClient http, URI baseUri, ApiToken token, ClientOptions options) {
        this(http, baseUri, token, options, () -> UUID.randomUUID().toString());
    }

    V6K6CloudClient(
            OkHttpClient http, URI baseUri, ApiToken token, ClientOptions options, Supplier<String> idempotencyKeys) {
        if (options.stackId() == null) {
            throw new IllegalArgumentException(missingStackId());
        }
        this.transport = new ApiTransport(http, baseUri, AuthScheme.BEARER, token, options);
        this.retrier = new Retrier(options);
        this.starter = new RunStarter(retrier, options.clock());
        this.idempotencyKeys = idempotencyKeys;
    }

    /** The message for a v6 configuration without a stack id. */
    public static String missingStackId() {
        return "Grafana Cloud k6 (API v6) needs the id of your Grafana Cloud stack, sent as X-Stack-Id with"
                + " every request, and none is configured. Set the stack id (a number) in the k6 Cloud settings"
                + " of Jenkins, or with --stack-id / K6_CLOUD_STACK_ID on the command line.";
    }

    @Override
    public TestRun startRun(long testId) throws K6CloudException {
        ApiRequest request = ApiRequest.post(PREFIX + "/load_tests/" + positive(testId, "load test") + "/start")
                .header(IDEMPOTENCY_KEY, idempotencyKey());
        return starter.start(
                testId,
                request.name(),
                () -> {
                    ApiResponse response = transport.send(request, true);
                    TestRun started = V6Json.run(response.json(), null);
                    if (started == null) {
                        throw new ProtocolException(
                                "k6 Cloud accepted " + request.name() + " but its answer has no run id, so the plugin"
                                        + " cannot follow or stop the run. Look for the"
                                        + " run in Grafana Cloud k6 and stop it if it is"
                                        + " not wanted.",
                                request.name(),
                                response.status(),
                                null);
                    }
                    return started;
                },
                true);
    }

    private String idempotencyKey() {
        String key = idempotencyKeys.get();
        if (key == null || key.isEmpty() || key.length() > 36) {
            throw new IllegalStateException("A K6-Idempotency-Key has 1 to 36 characters, got " + key);
        }
        return key;
    }

    @Override
    public TestRun getRun(long runId) throws K6CloudException {
        ApiRequest request = ApiRequest.get(PREFIX + "/test_runs/" + positive(runId, "run"));
        ApiResponse response = retrier.call(() -> transport.send(request, false));
        return V6Json.run(response.json(), runId);
    }

    /**
     * {@code GET /cloud/v6/load_tests/{id}/test_runs}, newest first; with {@code createdAfter} also
     * {@code created_after}, and paging stops at the first older run (in case the server ignores the
     * filter).
     */
    @Override
    public List<TestRun> listRuns(long testId, Instant createdAfter) throws K6CloudException {
        ApiRequest first = ApiRequest.get(PREFIX + "/load_tests/" + positive(testId, "load test") + "/test_runs")
                .encodedParam("$orderby", "created%20desc");
        if (createdAfter != null) {
            first.param("created_after", createdAfter.toString());
        }
        return allPages(
                first, o -> V6Json.run(o, null), TestRun::id, run -> PagedItems.createdSince(run, createdAfter));
    }

    /**
     * {@code POST /cloud/v6/test_runs/{id}/abort}: 204 means accepted, 409 means the run is no longer
     * running (done). Another refusal (4xx) makes us read the run, as in v2.
     */
    @Override
    public void stopRun(long runId) throws K6CloudException {
        ApiRequest request = ApiRequest.post(PREFIX + "/test_runs/" + positive(runId, "run") + "/abort");
        try {
            retrier.call(() -> transport.send(request, false));
        } catch (ProtocolException refused) {
            if (refused.httpStatus() == 409) {
                LOG.fine(() -> "Run " + runId + " is no longer running (409); abort is done");
                return;
            }
            if (refused.httpStatus() < 400 || refused.httpStatus() > 499) {
                throw refused;
            }
            TestRun run = getRun(runId);
            if (run.runStatus().isTerminal()) {
                LOG.fine(() -> "Run " + runId + " had already ended ("
                        + run.runStatus().label() + "); abort is done");
                return;
            }
            throw new ProtocolException(
                    refused.getMessage() + " The run is still "
                            + run.runStatus().label() + ": stop it in Grafana Cloud k6.",
                    request.name(),
                    refused.httpStatus(),
                    refused);
        }
    }

    /** v6 documents no threshold endpoint: always empty, no request. */
    @Override
    public List<Threshold> getThresholds(long runId) {
        positive(runId, "run");
        return List.of();
    }

    /** {@code GET /cloud/v6/projects?$top=1}: a 2xx JSON answer means the token and the stack id work together. */
    @Override
    public void checkToken() throws K6CloudException {
        ApiRequest request = ApiRequest.get(PREFIX + "/projects").encodedParam("$top", "1");
        retrier.call(() -> transport.send(request, false)).json();
    }

    @Override
    public LoadTest getLoadTest(long testId) throws K6CloudException {
        ApiRequest request = ApiRequest.get(PREFIX + "/load_tests/" + positive(testId, "load test"));
        ApiResponse response = retrier.call(() -> transport.send(request, false));
        return V6Json.loadTest(response.json(), testId);
    }

    /**
     * Sends {@code first} with {@code $top}, then follows {@code @nextLink} until there is none, a
     * page is empty or brings nothing new, or {@link #MAX_PAGES}; the items are gathered by
     * {@link PagedItems}.
     */
    private <T> List<T> allPages(
            ApiRequest first, Function<JsonObject, T> mapper, ToLongFunction<T> id, Predicate<T> inRange)
            throws K6CloudException {
        PagedItems<T> items = new PagedItems<>(mapper, id, inRange, true);
        ApiRequest request = first.encodedParam("$top", Integer.toString(PAGE_SIZE));
        for (int page = 1; page <= MAX_PAGES; page++) {
            ApiRequest current = request;
            ApiResponse response = retrier.call(() -> transport.send(current, false));
            JsonObject root = response.json();
            List<JsonObject> objects = K6CloudJson.envelopeArray(root, V6Json.VALUE, current.name(), response.status());
            boolean readOn = items.add(objects);
            String next = K6CloudJson.string(root, V6Json.NEXT_LINK);
            if (!readOn || next == null || next.isBlank()) {
                break;
            }
            request = nextPage(next, current);
        }
        return items.list();
    }

    /**
     * The request for an {@code @nextLink}: its {@code /cloud/v6/...} path and its query, sent to this
     * client's base URL whatever host the link names.
     */
    private ApiRequest nextPage(String link, ApiRequest current) throws ProtocolException {
        HttpUrl url = HttpUrl.parse(link);
        if (url == null && link.startsWith("/")) {
            url = HttpUrl.parse("http://next.link" + link);
        }
        int at = url == null ? -1 : url.encodedPath().indexOf(PREFIX + "/");
        if (at < 0) {
            throw new ProtocolException(
                    "k6 Cloud answered " + current.name() + " with a next-page link that is not"
                            + " a /cloud/v6 URL (\"" + K6CloudJson.snippet(link) + "\"). Check the k6 Cloud API URL.",
                    current.name(),
                    200,
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

    ApiTransport transport() {
        return transport;
    }

    @Override
    public String toString() {
        return "V6K6CloudClient[" + transport.base() + ", stackId="
                + transport.options().stackId() + "]";
    }
}
