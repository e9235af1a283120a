package io.jenkins.plugins.k6cloud.api;

import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;

/**
 * The k6 Cloud client over OkHttp, for either API flavour: v2 ({@code /loadtests/v2}) or Grafana
 * Cloud k6 v6 ({@code /cloud/v6}). What differs between them (paths, {@code Authorization} scheme,
 * JSON) is the flavour's {@link FlavourApi}; the rest is here and shared: reads, lists, thresholds,
 * tests, the token check and stop are retried on transient failures ({@link RetryPolicy}), a start
 * never creates two runs ({@link Retrier#start}), every answer that is not a 2xx becomes a
 * {@link K6CloudException} ({@link ApiTransport}). Tests as code ({@link LoadTestScripts}) is v6
 * only ({@link ScriptUpload}). Thread-safe: one instance may serve every build that uses the same
 * flavour, URL, token and options.
 */
public final class HttpK6CloudClient implements K6CloudClient, LoadTestScripts {
    private static final Logger LOG = Logger.getLogger(HttpK6CloudClient.class.getName());

    /** Sent with every start; the same key for every attempt of one start (v6 documents it). */
    static final String IDEMPOTENCY_KEY = "K6-Idempotency-Key";

    /** Why a v6 client cannot be made without a stack id. */
    public static final String MISSING_STACK_ID = "Grafana Cloud k6 (API v6) needs the id of your Grafana Cloud"
            + " stack, sent as X-Stack-Id with every request, and none is configured. Set the stack id (a number)"
            + " in the k6 Cloud settings of Jenkins, or with --stack-id / K6_CLOUD_STACK_ID on the command line.";

    private final ApiFlavour flavour;
    private final FlavourApi api;
    private final ApiTransport transport;
    private final Retrier retrier;

    /**
     * @param flavour which REST API {@code baseUri} speaks
     * @param http the OkHttp client to share (proxy, TLS and connection pool come from it; the
     *     timeouts of {@code options} replace its own)
     * @param baseUri the API root, e.g. {@code https://api.k6.io}; user info in it is ignored
     * @param token the API token, sent as {@code Authorization: Token <token>} (v2) or {@code Bearer} (v6)
     * @param options stack id, User-Agent, timeouts and retries
     * @throws IllegalArgumentException for v6 without a stack id in {@code options} (before any
     *     request), or an API URL that is not an http(s) URL
     */
    public HttpK6CloudClient(
            ApiFlavour flavour, OkHttpClient http, URI baseUri, ApiToken token, ClientOptions options) {
        if (flavour.requiresStackId() && options.stackId() == null) {
            throw new IllegalArgumentException(MISSING_STACK_ID);
        }
        this.flavour = flavour;
        this.api = FlavourApi.of(flavour);
        this.transport = new ApiTransport(http, baseUri, api.authScheme(), token, options);
        this.retrier = new Retrier(options);
    }

    /**
     * Sends the start with a {@code K6-Idempotency-Key} made once per call and reused by every
     * attempt (v2 carries one too; k6's own legacy client sends one, and nothing relies on it there).
     */
    @Override
    public TestRun startRun(long testId) throws K6CloudException {
        ApiRequest request =
                api.startRun(testId).header(IDEMPOTENCY_KEY, UUID.randomUUID().toString());
        return retrier.start(
                testId,
                request.name(),
                () -> {
                    ApiResponse response = transport.send(request, true);
                    TestRun started = api.startedRun(response);
                    if (started == null) {
                        throw new ProtocolException(
                                "k6 Cloud accepted " + request.name() + " but its answer has no run id,"
                                        + " so the plugin cannot follow or stop the run. Look for the run in "
                                        + api.webApp() + " and stop it if it is not wanted.",
                                request.name(),
                                response.status(),
                                null);
                    }
                    return started;
                },
                api.resendsStartSafely());
    }

    @Override
    public TestRun getRun(long runId) throws K6CloudException {
        return api.getRun(this::call, runId);
    }

    @Override
    public List<TestRun> listRuns(long testId, Instant createdAfter) throws K6CloudException {
        return api.listRuns(this::call, testId, createdAfter);
    }

    /**
     * Sends a stop. A refusal (4xx other than 401/403/404) that the flavour does not know for "no
     * longer running" (k6 Cloud refusing to stop a run that has ended, presumably) makes us read the
     * run: if it has ended, the stop is done; otherwise the refusal is thrown.
     */
    @Override
    public void stopRun(long runId) throws K6CloudException {
        ApiRequest request = api.stopRun(runId);
        try {
            call(request);
        } catch (ProtocolException refused) {
            if (api.refusalMeansEnded(refused.httpStatus())) {
                LOG.fine(() ->
                        "Run " + runId + " is no longer running (HTTP " + refused.httpStatus() + "); stop is done");
                return;
            }
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
                            + run.runStatus().label() + ": stop it in " + api.webApp() + ".",
                    request.name(),
                    refused.httpStatus(),
                    refused);
        }
    }

    @Override
    public List<Threshold> getThresholds(long runId) throws K6CloudException {
        return api.getThresholds(this::call, runId);
    }

    @Override
    public void checkToken() throws K6CloudException {
        call(api.checkToken()).json();
    }

    @Override
    public LoadTest getLoadTest(long testId) throws K6CloudException {
        return api.getLoadTest(this::call, testId);
    }

    @Override
    public RunMetrics getRunMetrics(long runId) throws K6CloudException {
        RunMetrics metrics = RunMetrics.summary(runId, call(RunMetrics.summaryRequest(runId)));
        try {
            return metrics.withChecks(RunMetrics.checks(call(RunMetrics.checksRequest(runId))), null);
        } catch (K6CloudException.InterruptedCallException e) {
            throw e;
        } catch (K6CloudException e) {
            return metrics.withChecks(null, e.getMessage());
        }
    }

    @Override
    public long defaultProjectId() throws K6CloudException {
        return scripts("Finding the default project").defaultProjectId();
    }

    @Override
    public Optional<LoadTest> findLoadTest(long projectId, String name) throws K6CloudException {
        return scripts("Finding a load test by name").find(projectId, name);
    }

    @Override
    public LoadTest createLoadTest(long projectId, String name, ScriptSource script) throws K6CloudException {
        return scripts("Creating a load test from a k6 script").create(projectId, name, script);
    }

    @Override
    public void replaceScript(long testId, ScriptSource script) throws K6CloudException {
        scripts("Uploading a k6 script").replace(testId, script);
    }

    @Override
    public LoadTest uploadScript(Long projectId, String name, ScriptSource script) throws K6CloudException {
        return scripts("Uploading a k6 script").upload(projectId, name, script);
    }

    @Override
    public void setNote(long runId, String note) throws K6CloudException {
        scripts("Setting the note of a run").setNote(runId, note);
    }

    /** The v6 calls of tests as code; with v2, the configuration error that says to choose v6. */
    private ScriptUpload scripts(String what) throws K6CloudException.ConfigurationException {
        if (api instanceof V6Api v6) {
            return new ScriptUpload(v6, this::call, r -> retrier.call(() -> transport.send(r, true)));
        }
        throw new K6CloudException.ConfigurationException(LoadTestScripts.needsV6(what), null, null);
    }

    /** Sends a request that creates nothing, retrying transient failures. */
    private ApiResponse call(ApiRequest request) throws K6CloudException {
        return retrier.call(() -> transport.send(request, false));
    }

    ApiTransport transport() {
        return transport;
    }

    @Override
    public String toString() {
        return "HttpK6CloudClient[" + flavour.id() + ", " + transport.base() + ", stackId="
                + transport.options().stackId() + "]";
    }
}
