package io.jenkins.plugins.k6cloud.api;

import static io.jenkins.plugins.k6cloud.api.ApiRequest.positive;

import com.google.gson.JsonObject;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;

/**
 * The k6 Cloud client for the v2 REST API ({@code /loadtests/v2}, {@code /v3/organizations}) over
 * OkHttp. Reads, lists, thresholds, tests, the token check and stop are retried on transient
 * failures ({@link RetryPolicy}); start never runs twice ({@link RunStarter}). Thread-safe: one
 * instance may serve every build that uses the same URL, token and options.
 */
public final class HttpK6CloudClient implements K6CloudClient {
    private static final Logger LOG = Logger.getLogger(HttpK6CloudClient.class.getName());

    /** The k6 Cloud REST API. */
    public static final URI DEFAULT_BASE_URI = URI.create("https://api.k6.io");

    /** Page size for the list endpoints (the official k6 Grafana data source uses 50 too). */
    static final int PAGE_SIZE = 50;

    /** No list is followed further than this, whatever {@code meta.count} says. */
    static final int MAX_PAGES = 200;

    private final ApiTransport transport;
    private final Retrier retrier;
    private final RunStarter starter;

    /**
     * @param http the OkHttp client to share (proxy, TLS and connection pool come from it; the
     *     timeouts of {@code options} replace its own)
     * @param baseUri the API root, normally {@link #DEFAULT_BASE_URI}; user info in it is ignored
     * @param token the API token, sent as {@code Authorization: Token <token>}
     * @param options stack id, User-Agent, timeouts and retries
     * @throws IllegalArgumentException when {@code baseUri} is not an http(s) URL
     */
    public HttpK6CloudClient(OkHttpClient http, URI baseUri, ApiToken token, ClientOptions options) {
        this.transport = new ApiTransport(http, baseUri, AuthScheme.TOKEN, token, options);
        this.retrier = new Retrier(options);
        this.starter = new RunStarter(retrier, options.clock());
    }

    /** A client of {@link #DEFAULT_BASE_URI} with {@link ClientOptions#defaults()}. */
    public HttpK6CloudClient(OkHttpClient http, ApiToken token) {
        this(http, DEFAULT_BASE_URI, token, ClientOptions.defaults());
    }

    @Override
    public TestRun startRun(long testId) throws K6CloudException {
        ApiRequest request = ApiRequest.post("/loadtests/v2/tests/" + positive(testId, "load test") + "/start-testrun")
                .header(V6K6CloudClient.IDEMPOTENCY_KEY, UUID.randomUUID().toString());
        return starter.start(
                testId,
                request.name(),
                () -> {
                    ApiResponse response = transport.send(request, true);
                    JsonObject run =
                            K6CloudJson.envelope(response.json(), V2Json.RUN, request.name(), response.status());
                    TestRun started = V2Json.run(run, null);
                    if (started == null) {
                        throw new ProtocolException(
                                "k6 Cloud accepted " + request.name() + " but its answer has no run id,"
                                        + " so the plugin cannot follow or stop the run. Look for the run in k6 Cloud and stop it"
                                        + " if it is not wanted.",
                                request.name(),
                                response.status(),
                                null);
                    }
                    return started;
                },
                false);
    }

    @Override
    public TestRun getRun(long runId) throws K6CloudException {
        ApiRequest request =
                ApiRequest.get("/loadtests/v2/runs/" + positive(runId, "run")).select(V2Json.RUN_FIELDS);
        ApiResponse response = retrier.call(() -> transport.send(request, false));
        JsonObject run = K6CloudJson.envelope(response.json(), V2Json.RUN, request.name(), response.status());
        return V2Json.run(run, runId);
    }

    /**
     * {@code GET /loadtests/v2/runs?test_id=}. With {@code createdAfter}, asks for
     * {@code order_by=-created} (v2 has no creation filter) and drops older runs, but reads every
     * page (up to {@link #MAX_PAGES} and {@code meta.count}): v2 does not document that ordering, and
     * a server that ignores it answers oldest first.
     */
    @Override
    public List<TestRun> listRuns(long testId, Instant createdAfter) throws K6CloudException {
        positive(testId, "load test");
        return allPages(
                page -> ApiRequest.get("/loadtests/v2/runs")
                        .param("test_id", testId)
                        .param("order_by", createdAfter != null ? "-created" : null)
                        .param("page", page)
                        .param("page_size", PAGE_SIZE),
                V2Json.RUNS,
                o -> V2Json.run(o, null),
                TestRun::id,
                run -> PagedItems.createdSince(run, createdAfter));
    }

    /**
     * Sends a stop. The v2 answer to a stop is not documented, so any 2xx counts as accepted. A 4xx
     * other than 401/403/404 (k6 Cloud refusing to stop a run that is no longer running, presumably)
     * makes us read the run: if it has ended, the stop is done; otherwise the refusal is thrown.
     */
    @Override
    public void stopRun(long runId) throws K6CloudException {
        ApiRequest request = ApiRequest.post("/loadtests/v2/runs/" + positive(runId, "run") + "/stop");
        try {
            retrier.call(() -> transport.send(request, false));
        } catch (ProtocolException refused) {
            if (refused.httpStatus() < 400 || refused.httpStatus() > 499) {
                throw refused;
            }
            TestRun run = getRun(runId);
            if (run.runStatus().isTerminal()) {
                LOG.fine(() -> "Run " + runId + " had already ended ("
                        + run.runStatus().label() + "); stop is done");
                return;
            }
            throw new ProtocolException(
                    refused.getMessage() + " The run is still "
                            + run.runStatus().label() + " (run_status " + run.runStatusCode()
                            + "): stop it in the k6 Cloud web app.",
                    request.name(),
                    refused.httpStatus(),
                    refused);
        }
    }

    @Override
    public List<Threshold> getThresholds(long runId) throws K6CloudException {
        ApiRequest request = ApiRequest.get("/loadtests/v2/thresholds").param("test_run_id", positive(runId, "run"));
        ApiResponse response = retrier.call(() -> transport.send(request, false));
        List<Threshold> out = new ArrayList<>();
        for (JsonObject o :
                K6CloudJson.envelopeArray(response.json(), V2Json.THRESHOLDS, request.name(), response.status())) {
            out.add(V2Json.threshold(o));
        }
        return out;
    }

    /** {@code GET /v3/organizations}: any JSON object in a 2xx answer means the token (and stack) work. */
    @Override
    public void checkToken() throws K6CloudException {
        ApiRequest request = ApiRequest.get("/v3/organizations");
        retrier.call(() -> transport.send(request, false)).json();
    }

    @Override
    public LoadTest getLoadTest(long testId) throws K6CloudException {
        ApiRequest request = ApiRequest.get("/loadtests/v2/tests/" + positive(testId, "load test"))
                .select(V2Json.TEST_FIELDS);
        ApiResponse response = retrier.call(() -> transport.send(request, false));
        return V2Json.loadTest(
                K6CloudJson.envelope(response.json(), V2Json.TEST, request.name(), response.status()), testId);
    }

    /**
     * Follows {@code page=1,2,...} until {@code meta.count} items have come, a page is empty or
     * short (without a count), a page brings nothing new (a server ignoring {@code page}), or
     * {@link #MAX_PAGES}; the items are gathered by {@link PagedItems}.
     */
    private <T> List<T> allPages(
            IntFunction<ApiRequest> pageRequest,
            String envelope,
            Function<JsonObject, T> mapper,
            ToLongFunction<T> id,
            Predicate<T> inRange)
            throws K6CloudException {
        PagedItems<T> items = new PagedItems<>(mapper, id, inRange, false);
        long received = 0;
        for (int page = 1; page <= MAX_PAGES; page++) {
            ApiRequest request = pageRequest.apply(page);
            ApiResponse response = retrier.call(() -> transport.send(request, false));
            JsonObject root = response.json();
            List<JsonObject> objects = K6CloudJson.envelopeArray(root, envelope, request.name(), response.status());
            received += objects.size();
            boolean readOn = items.add(objects);
            Long count = K6CloudJson.longValue(K6CloudJson.object(root, "meta"), "count");
            boolean done = !readOn || (count != null ? received >= count : objects.size() < PAGE_SIZE);
            if (done) {
                break;
            }
        }
        return items.list();
    }

    ApiTransport transport() {
        return transport;
    }

    @Override
    public String toString() {
        return "HttpK6CloudClient[v2, " + transport.base() + ", stackId="
                + transport.options().stackId() + "]";
    }
}
