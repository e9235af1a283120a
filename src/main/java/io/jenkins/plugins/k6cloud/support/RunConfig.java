package io.jenkins.plugins.k6cloud.support;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import io.jenkins.plugins.k6cloud.api.RetryPolicy;
import io.jenkins.plugins.k6cloud.config.K6CloudGlobalConfiguration;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.results.RegressionGate;
import io.jenkins.plugins.okhttp.api.JenkinsOkHttpClient;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * The one path from what people configured to a run, shared by the build step and the Pipeline
 * step: the step's {@link Options} and the global defaults become the engine's {@link RunSettings}
 * and a {@link Connection} (what a Pipeline step saves to resume: never the token), and a
 * connection with a token becomes a client. Preparing reads credentials, so never on the CPS VM thread.
 *
 * <p>{@code Options} and {@code Connection} are records: the Pipeline saves them with the step's
 * execution through JBoss Marshalling River, which reads records (see {@code WatchState}).
 */
public final class RunConfig {
    public static final String DEFAULT_API_URL = K6CloudDefaults.API_URL;
    public static final String DEFAULT_WEB_APP_URL = RunSettings.DEFAULT_WEB_APP_URL;
    public static final String DEFAULT_POLL_INTERVAL = DurationFormat.format(RunSettings.DEFAULT_POLL_INTERVAL);
    public static final String DEFAULT_TIMEOUT = DurationFormat.format(RunSettings.DEFAULT_TIMEOUT);

    // a person waits for a form check; the load test look-up runs on every change of its field
    static final Duration FORM_CHECK_TIMEOUT = Duration.ofSeconds(15);
    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);
    // a run's call holds a shared engine thread; an upload (megabytes on a slow link) only the preparing one
    static final Duration RUN_CALL_TIMEOUT = Duration.ofSeconds(30);
    static final Duration UPLOAD_CALL_TIMEOUT = Duration.ofMinutes(10);
    // the metrics read after the verdict is best effort and must not hold a build long (about 25 s at most)
    static final Duration METRICS_CALL_TIMEOUT = Duration.ofSeconds(5);
    // longer outages are the engine's to wait out (its error streak backs off without holding a thread)
    static final RetryPolicy RUN_RETRY_POLICY = retryOnce(Duration.ofSeconds(2), Duration.ofSeconds(5));
    static final RetryPolicy METRICS_RETRY_POLICY = retryOnce(Duration.ofSeconds(1), Duration.ofSeconds(2));

    private RunConfig() {}

    private static RetryPolicy retryOnce(Duration maxBackoff, Duration budget) {
        return RetryPolicy.defaults()
                .withMaxAttempts(2)
                .withBackoff(Duration.ofMillis(500), maxBackoff, 2.0)
                .withBudget(budget);
    }

    /** What a run starts with: its settings, a client with this build's token, and the connection to save. */
    public record Prepared(RunSettings settings, K6CloudClient client, Connection connection) {}

    /**
     * The settings, client and connection of a new run: the step's options where given, else the
     * global configuration's.
     *
     * @param env the build's environment (for {@code K6_CLOUD_TOKEN}), or {@code null}
     * @throws AbortException with a message that says which setting or credentials to fix
     */
    public static Prepared prepare(Run<?, ?> run, Map<String, String> env, Options options) throws AbortException {
        K6CloudGlobalConfiguration global = K6CloudGlobalConfiguration.get();
        try {
            Connection defaults = global.connection();
            defaults.apiUri(); // a malformed saved address is reported before anything else
            RunSettings settings =
                    options.toSettings(global.getWebAppUrl(), global.getPollInterval(), global.getTimeout());
            Connection connection = defaults.withCredentialsId(
                    K6CloudCredentials.chooseSource(options.credentialsId(), defaults.credentialsId(), env));
            return new Prepared(settings, connection.clientForRun(run, env, connection.runOptions()), connection);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** {@code null} for missing or blank text, else the text without surrounding white space. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * The options of one build step or {@code k6CloudRun} step as typed; {@code null} (or blank)
     * means "the global default" or "not given". Saved with the Pipeline step execution, so that a
     * step that had not started its run when Jenkins stopped prepares it again.
     *
     * @param maxRegression the regression gate's limit, e.g. {@code 10%}, or {@code null}: no gate
     * @param script tests as code: the workspace path of the k6 script or archive to upload
     * @param testName the load test to create or update; {@code null}: the script's file name
     * @param projectId its project; {@code null}: the stack's default project
     * @param note the run's note; {@code null}: the job, build and commit ({@link TestsAsCode#note})
     * @param junitFile the workspace path of the JUnit XML of the thresholds and checks
     */
    public record Options(
            String credentialsId,
            String pollInterval,
            String timeout,
            String thresholdFailure,
            boolean waitForEnd,
            String maxRegression,
            String script,
            String testName,
            Long projectId,
            String note,
            String junitFile)
            implements Serializable {
        public Options {
            credentialsId = blankToNull(credentialsId);
            pollInterval = blankToNull(pollInterval);
            timeout = blankToNull(timeout);
            thresholdFailure = blankToNull(thresholdFailure);
            maxRegression = blankToNull(maxRegression);
            script = blankToNull(script);
            testName = blankToNull(testName);
            note = blankToNull(note);
            junitFile = blankToNull(junitFile);
        }

        public Options(String credentials, String poll, String timeout, String onFailure, boolean wait) {
            this(credentials, poll, timeout, onFailure, wait, null, null, null, null, null, null);
        }

        public Options withMaxRegression(String max) {
            return with(max, script, testName, projectId, note, junitFile);
        }

        public Options withWorkspaceFiles(
                String script, String testName, Long projectId, String note, String junitFile) {
            return with(maxRegression, script, testName, projectId, note, junitFile);
        }

        private Options with(String max, String script, String testName, Long projectId, String note, String junit) {
            return new Options(
                    credentialsId,
                    pollInterval,
                    timeout,
                    thresholdFailure,
                    waitForEnd,
                    max,
                    script,
                    testName,
                    projectId,
                    note,
                    junit);
        }

        /** @throws IllegalArgumentException when {@code maxRegression} is not a percentage, saying what to write */
        public RegressionGate regressionGate() {
            return maxRegression == null ? null : RegressionGate.parse(maxRegression);
        }

        public boolean needsWorkspace() {
            return script != null || junitFile != null;
        }

        /**
         * The engine settings: this step's values where given, else the global defaults (as typed).
         *
         * @throws IllegalArgumentException with a message that says which value to fix
         */
        public RunSettings toSettings(String webAppUrl, String defaultPollInterval, String defaultTimeout) {
            regressionGate(); // used after the verdict, checked here: before any request
            return RunSettings.of(
                    webAppUrl,
                    DurationFormat.parse(pollInterval != null ? pollInterval : defaultPollInterval),
                    DurationFormat.parse(timeout != null ? timeout : defaultTimeout),
                    thresholdResult(thresholdFailure),
                    waitForEnd);
        }
    }

    /** @throws IllegalArgumentException for anything but FAILURE (also {@code null}) or UNSTABLE */
    public static BuildResult thresholdResult(String text) {
        String s = blankToNull(text);
        return switch (s == null ? "FAILURE" : s.toUpperCase(Locale.ROOT)) {
            case "FAILURE" -> BuildResult.FAILURE;
            case "UNSTABLE" -> BuildResult.UNSTABLE;
            default -> throw new IllegalArgumentException(Messages.FormChecks_ThresholdFailure(text));
        };
    }

    /**
     * The k6 Cloud API a run talks to, and where the token comes from (a credentials id, or
     * {@code null} for the {@code K6_CLOUD_TOKEN} variable), never the token itself. A Pipeline step
     * keeps it, so that after a restart it talks to the same API even if the global configuration changed.
     *
     * @param apiFlavour {@code null} means v2, the default
     */
    public record Connection(ApiFlavour apiFlavour, String apiUrl, Long stackId, String credentialsId)
            implements Serializable {
        public Connection {
            apiFlavour = apiFlavour == null ? ApiFlavour.V2 : apiFlavour;
        }

        public Connection withApiFlavour(ApiFlavour f) {
            return new Connection(f, apiUrl, stackId, credentialsId);
        }

        public Connection withCredentialsId(String id) {
            return new Connection(apiFlavour, apiUrl, stackId, id);
        }

        /** @throws IllegalArgumentException when it is not an http(s) URL, saying to fix it in the global configuration */
        public URI apiUri() {
            URI uri = K6CloudDefaults.httpUri(apiUrl);
            if (uri == null) {
                throw new IllegalArgumentException(Messages.Connection_BadApiUrl(apiUrl, DEFAULT_API_URL));
            }
            return uri;
        }

        /** @throws IllegalArgumentException when the API needs a stack id and there is none, saying where to set it */
        public void checkStackId() {
            if (apiFlavour.requiresStackId() && stackId == null) {
                throw new IllegalArgumentException(Messages.Connection_NeedsStackId());
            }
        }

        /**
         * A client for {@code run}, also one resumed after a restart: only the token is looked up again.
         *
         * @throws AbortException when the token cannot be read, or the connection cannot make a client
         */
        public K6CloudClient clientForRun(Run<?, ?> run, Map<String, String> env, ClientOptions options)
                throws AbortException {
            try {
                return client(K6CloudCredentials.token(run, credentialsId, env, apiUrl), options);
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
        }

        /**
         * A client that goes through Jenkins' proxy settings, on one shared OkHttp base (connection
         * pool, dispatcher threads); made per run, so a changed proxy, token or flavour counts on the next.
         *
         * @throws IllegalArgumentException when it cannot make one (v6 without a stack id, an API URL that is not one)
         */
        public K6CloudClient client(ApiToken token, ClientOptions options) {
            checkStackId();
            OkHttpClient http =
                    JenkinsOkHttpClient.newClientBuilder(SharedHttp.BASE).build();
            return new HttpK6CloudClient(apiFlavour, http, apiUri(), token, options);
        }

        public ClientOptions runOptions() {
            return withCallTimeout(options().withRetryPolicy(RUN_RETRY_POLICY), RUN_CALL_TIMEOUT);
        }

        public ClientOptions uploadOptions() {
            return withCallTimeout(runOptions(), UPLOAD_CALL_TIMEOUT);
        }

        public ClientOptions metricsOptions() {
            return options()
                    .withRetryPolicy(METRICS_RETRY_POLICY)
                    .withTimeouts(METRICS_CALL_TIMEOUT, METRICS_CALL_TIMEOUT, METRICS_CALL_TIMEOUT);
        }

        public ClientOptions lookupOptions() {
            return oneAttempt(LOOKUP_TIMEOUT);
        }

        public ClientOptions formCheckOptions() {
            return oneAttempt(FORM_CHECK_TIMEOUT);
        }

        private static ClientOptions withCallTimeout(ClientOptions o, Duration call) {
            return o.withTimeouts(o.connectTimeout(), o.readTimeout(), call);
        }

        private ClientOptions oneAttempt(Duration timeout) {
            return options().withRetryPolicy(RetryPolicy.noRetries()).withTimeouts(timeout, timeout, timeout);
        }

        private ClientOptions options() {
            return ClientOptions.defaults()
                    .withStackId(stackId)
                    .withPluginVersion(RunConfig.class.getPackage().getImplementationVersion());
        }
    }

    /** Created on first use, not when the class is loaded. */
    private static final class SharedHttp {
        static final OkHttpClient BASE = new OkHttpClient();
    }
}
