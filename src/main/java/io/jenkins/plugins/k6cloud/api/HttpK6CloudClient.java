package io.jenkins.plugins.k6cloud.api;

import io.jenkins.plugins.k6cloud.api.K6CloudException.InterruptedCallException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.RateLimitedException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ServerException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.StartOutcomeUnknownException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.TransportException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;

/**
 * The k6 Cloud client for both API flavours ({@link FlavourApi} says what differs): retries, a start
 * that never creates two runs, a stop that meets the end of a run. Thread-safe.
 */
public final class HttpK6CloudClient implements K6CloudClient, LoadTestScripts {
    private static final Logger LOG = Logger.getLogger(HttpK6CloudClient.class.getName());

    /** The same key for every attempt of one start; v2 ignores it (k6's legacy client sends one too). */
    static final String IDEMPOTENCY_KEY = "K6-Idempotency-Key";

    /** k6 Cloud keeps an idempotency key 10 minutes from its arrival; one is left for the answers' time. */
    static final Duration KEY_WINDOW = Duration.ofMinutes(9);

    public static final String MISSING_STACK_ID = "Grafana Cloud k6 (API v6) needs the id of your Grafana Cloud"
            + " stack, sent as X-Stack-Id with every request, and none is configured. Set the stack id (a number)"
            + " in the k6 Cloud settings of Jenkins, or with --stack-id / K6_CLOUD_STACK_ID on the command line.";

    private final ApiFlavour flavour;
    private final FlavourApi api;
    private final ApiTransport transport;
    private final ClientOptions options;

    private static final String NOT_LOOKED =
            "Its run, if any, is to be looked for among the runs of the test created since then.";

    /** @param http proxy, TLS and pool come from it; {@code options}' timeouts replace its own */
    public HttpK6CloudClient(
            ApiFlavour flavour, OkHttpClient http, URI baseUri, ApiToken token, ClientOptions options) {
        if (flavour.requiresStackId() && options.stackId() == null) {
            throw new IllegalArgumentException(MISSING_STACK_ID);
        }
        this.flavour = flavour;
        this.api = flavour == ApiFlavour.V2 ? new V2Api() : new V6Api();
        this.transport = new ApiTransport(http, baseUri, api.authScheme, token, options);
        this.options = options;
    }

    /**
     * An ambiguous failure (the request may have gone out; any 5xx, as a 500 may follow the run's
     * creation) ends in {@link StartOutcomeUnknownException} from the first ambiguous attempt. Only v6
     * sends such a start again, with the same idempotency key within {@link #KEY_WINDOW} (documented to
     * return the first run). A 2xx that cannot be read was accepted and is never sent again.
     */
    @Override
    public TestRun startRun(long testId) throws K6CloudException {
        ApiRequest request =
                api.startRun(testId).header(IDEMPOTENCY_KEY, UUID.randomUUID().toString());
        long deadline = deadline();
        Instant firstAmbiguous = null;
        for (int failures = 1; ; failures++) {
            Instant sentAt = options.clock().instant();
            K6CloudException failure;
            try {
                ApiResponse response = transport.send(request, true);
                TestRun started = api.startedRun(response);
                if (started != null) {
                    return started;
                }
                throw new ProtocolException(
                        "k6 Cloud accepted " + request.name() + " but its answer has no run id, so the plugin"
                                + " cannot follow or stop the run. Look for the run in " + api.webApp
                                + " and stop it if it is not wanted.",
                        request.name(),
                        response.status(),
                        null);
            } catch (K6CloudException e) {
                failure = e;
            }
            if (failure instanceof InterruptedCallException && mayHaveBeenSent(failure.getCause())) {
                throw unknownOutcome(
                        testId,
                        request,
                        firstAmbiguous != null ? firstAmbiguous : sentAt,
                        failure,
                        "The plugin was interrupted before it could find out.");
            }
            boolean accepted = acceptedButUnreadable(failure);
            boolean ambiguous = accepted || isAmbiguous(failure);
            if (ambiguous && firstAmbiguous == null) {
                firstAmbiguous = sentAt;
            }
            boolean resend = (ambiguous || failure.isTransient())
                    && (firstAmbiguous == null || (api.resendsStartSafely && !accepted));
            if (!resend) {
                throw firstAmbiguous == null
                        ? failure
                        : unknownOutcome(testId, request, firstAmbiguous, failure, NOT_LOOKED);
            }
            try {
                pauseOrThrow(failure, failures, deadline);
            } catch (K6CloudException last) {
                throw firstAmbiguous == null ? last : unknownOutcome(testId, request, firstAmbiguous, last, NOT_LOOKED);
            }
            if (firstAmbiguous != null && !options.clock().instant().isBefore(firstAmbiguous.plus(KEY_WINDOW))) {
                throw unknownOutcome(
                        testId,
                        request,
                        firstAmbiguous,
                        failure,
                        "k6 Cloud may have forgotten its idempotency key by now, so it was not sent again. "
                                + NOT_LOOKED);
            }
        }
    }

    static boolean isAmbiguous(K6CloudException e) {
        return e instanceof ServerException || (e instanceof TransportException && mayHaveBeenSent(e.getCause()));
    }

    static boolean acceptedButUnreadable(K6CloudException e) {
        return e instanceof ProtocolException && e.httpStatus() >= 200 && e.httpStatus() <= 299;
    }

    /** Only a refused connection, an unknown host or no route prove that nothing was sent. */
    private static boolean mayHaveBeenSent(Throwable cause) {
        return !(cause instanceof ConnectException
                || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException);
    }

    private static StartOutcomeUnknownException unknownOutcome(
            long testId, ApiRequest request, Instant notBefore, K6CloudException failure, String why) {
        return new StartOutcomeUnknownException(
                "Starting load test " + testId + " (" + request.name() + ") may or may not have created a run: "
                        + failure.getMessage() + " " + why + " Look in k6 Cloud for a run of load test " + testId
                        + " created after " + notBefore
                        + " and stop it if it is not wanted; the plugin did not start another one.",
                request.name(),
                testId,
                notBefore,
                failure);
    }

    @Override
    public TestRun getRun(long runId) throws K6CloudException {
        return api.getRun(this::call, runId);
    }

    @Override
    public List<TestRun> listRuns(long testId, Instant createdAfter) throws K6CloudException {
        return api.listRuns(this::call, testId, createdAfter);
    }

    /** Another 4xx than the flavour's "no longer running" makes us read the run: if it has ended, the stop is done. */
    @Override
    public void stopRun(long runId) throws K6CloudException {
        ApiRequest request = api.stopRun(runId);
        try {
            call(request);
        } catch (ProtocolException refused) {
            int status = refused.httpStatus();
            if (status == api.stopRefusedWhenEnded) {
                LOG.fine(() -> "Run " + runId + " is no longer running (HTTP " + status + "); stop is done");
                return;
            } else if (status < 400 || status > 499) {
                throw refused;
            }
            TestRun run = getRun(runId);
            if (run.runStatus().isTerminal()) {
                LOG.fine(() -> "Run " + runId + " had already ended ("
                        + run.runStatus().label() + ")");
                return;
            }
            throw new ProtocolException(
                    refused.getMessage() + " The run is still "
                            + run.runStatus().label() + ": stop it in " + api.webApp + ".",
                    request.name(),
                    status,
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
        } catch (InterruptedCallException e) {
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
    public LoadTest uploadScript(Long projectId, String name, ScriptSource script) throws K6CloudException {
        return scripts("Uploading a k6 script").upload(projectId, name, script);
    }

    @Override
    public void replaceScript(long testId, ScriptSource script) throws K6CloudException {
        scripts("Uploading a k6 script").replace(testId, script);
    }

    @Override
    public void setNote(long runId, String note) throws K6CloudException {
        scripts("Setting the note of a run").setNote(runId, note);
    }

    private ScriptUpload scripts(String what) throws K6CloudException.ConfigurationException {
        if (flavour == ApiFlavour.V6) {
            return new ScriptUpload(this::call, r -> send(r, true));
        }
        throw new K6CloudException.ConfigurationException(LoadTestScripts.needsV6(what), null, null);
    }

    private ApiResponse call(ApiRequest request) throws K6CloudException {
        return send(request, false);
    }

    private ApiResponse send(ApiRequest request, boolean mayCreate) throws K6CloudException {
        long deadline = deadline();
        for (int failures = 1; ; failures++) {
            try {
                return transport.send(request, mayCreate);
            } catch (K6CloudException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                pauseOrThrow(e, failures, deadline);
            }
        }
    }

    private long deadline() {
        long budget = options.retryPolicy().budget().toMillis();
        long now = options.clock().millis();
        return budget > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + budget;
    }

    /** Throws {@code failure} at once for a {@code Retry-After} beyond the budget: the caller reschedules. */
    private void pauseOrThrow(K6CloudException failure, int failures, long deadline) throws K6CloudException {
        RetryPolicy policy = options.retryPolicy();
        if (failures >= policy.maxAttempts()) {
            throw failure.gaveUpAfter(failures);
        }
        long retryAfter = failure instanceof RateLimitedException rl ? rl.retryAfterMillis() : -1;
        long delay = retryAfter >= 0 ? retryAfter : policy.backoffMillis(failures, options.random());
        if (delay > deadline - options.clock().millis()) {
            throw retryAfter >= 0 ? failure : failure.gaveUpAfter(failures);
        }
        LOG.fine(() -> failure.request() + " failed (" + failure.getClass().getSimpleName() + ", HTTP "
                + failure.httpStatus() + "); attempt " + (failures + 1) + " in " + delay + " ms");
        try {
            options.sleeper().sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedCallException(
                    "Interrupted while waiting to send " + failure.request()
                            + " to k6 Cloud again; the last attempt failed: " + failure.getMessage(),
                    failure.request(),
                    failure);
        }
    }

    ApiTransport transport() {
        return transport;
    }

    @Override
    public String toString() {
        return "HttpK6CloudClient[" + flavour.id() + ", " + transport.base() + ", stackId=" + options.stackId() + "]";
    }
}
