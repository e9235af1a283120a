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
 * step: the step's {@link Options} and the global configuration's defaults become the engine's
 * {@link RunSettings} and a {@link Connection} (what a Pipeline step saves to resume: never the
 * token), and a connection with a token becomes a client. {@link #prepare} is the one place that
 * does it; preparing reads credentials, so it never runs on the CPS VM thread.
 */
public final class RunConfig {
    public static final String DEFAULT_API_URL = K6CloudDefaults.API_URL;
    public static final String DEFAULT_WEB_APP_URL = RunSettings.DEFAULT_WEB_APP_URL;
    public static final String DEFAULT_POLL_INTERVAL = DurationFormat.format(RunSettings.DEFAULT_POLL_INTERVAL);
    public static final String DEFAULT_TIMEOUT = DurationFormat.format(RunSettings.DEFAULT_TIMEOUT);

    /** A form check answers a person waiting for it: one attempt, short timeouts. */
    static final Duration FORM_CHECK_TIMEOUT = Duration.ofSeconds(15);
    /** The load test look-up runs on every validation of the field: shorter still. */
    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);
    /** One HTTP call of a run, all attempts together; it holds a shared engine thread meanwhile. */
    static final Duration RUN_CALL_TIMEOUT = Duration.ofSeconds(30);
    /**
     * A run's client retries once, briefly: longer outages are the engine's to wait out (its error
     * streak backs off between polls without holding a thread), so retries are not doubled.
     */
    static final RetryPolicy RUN_RETRY_POLICY = RetryPolicy.defaults()
            .withMaxAttempts(2)
            .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(2), 2.0)
            .withBudget(Duration.ofSeconds(5));

    /**
     * The metrics read after the verdict is best effort and must not hold a build long: one retry,
     * and each attempt bounded by {@link #METRICS_CALL_TIMEOUT} (two reads: about 25 s at most).
     */
    static final Duration METRICS_CALL_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The upload of a k6 script before the start (one attempt of it): long enough for an archive of
     * several megabytes on a slow link; it holds only the preparing thread, not the engine's.
     */
    static final Duration UPLOAD_CALL_TIMEOUT = Duration.ofMinutes(10);

    static final RetryPolicy METRICS_RETRY_POLICY = RetryPolicy.defaults()
            .withMaxAttempts(2)
            .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(1), 2.0)
            .withBudget(Duration.ofSeconds(2));

    private RunConfig() {}

    /**
     * What a run starts with: how it is followed, a client that carries the token of this build,
     * and the connection (without the token) a Pipeline step keeps for a restart.
     */
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
     * means "the global default". Saved with the Pipeline step execution, so that a step that had
     * not started its run when Jenkins stopped prepares it again. (A class rather than a record, as
     * the other values saved with a Pipeline: its program is written with JBoss Marshalling.)
     */
    public static final class Options implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String credentialsId;
        private final String pollInterval;
        private final String timeout;
        private final String thresholdFailure;
        private final boolean waitForEnd;
        /** The regression gate's limit as typed, or {@code null}: no regression gate. */
        private String maxRegression;
        /** Tests as code: the workspace path of the k6 script or archive to upload, or {@code null}. */
        private String script;
        /** The load test to create or update; {@code null}: the script's file name without extension. */
        private String testName;
        /** Its project; {@code null}: the stack's default project. */
        private Long projectId;
        /** The run's note; {@code null}: the job, build and commit ({@link TestsAsCode#note}). */
        private String note;
        /** The workspace path of the JUnit XML of the thresholds and checks, or {@code null}. */
        private String junitFile;

        public Options(
                String credentialsId,
                String pollInterval,
                String timeout,
                String thresholdFailure,
                boolean waitForEnd) {
            this.credentialsId = blankToNull(credentialsId);
            this.pollInterval = blankToNull(pollInterval);
            this.timeout = blankToNull(timeout);
            this.thresholdFailure = blankToNull(thresholdFailure);
            this.waitForEnd = waitForEnd;
        }

        private Options copy() {
            Options o = new Options(credentialsId, pollInterval, timeout, thresholdFailure, waitForEnd);
            o.maxRegression = maxRegression;
            return o.setWorkspaceFiles(script, testName, projectId, note, junitFile);
        }

        /** These options with {@code maxRegression} (e.g. {@code 10%}; {@code null} or blank: no gate). */
        public Options withMaxRegression(String max) {
            Options o = copy();
            o.maxRegression = blankToNull(max);
            return o;
        }

        /** {@code thresholdFailure} as typed, or {@code null} for FAILURE. */
        public String thresholdFailure() {
            return thresholdFailure;
        }

        /**
         * The regression gate of {@code maxRegression}, or {@code null} when it is not set.
         *
         * @throws IllegalArgumentException with a message that says what to write
         */
        public RegressionGate regressionGate() {
            return maxRegression == null ? null : RegressionGate.parse(maxRegression);
        }

        /** A copy with tests as code and the JUnit file (blank means not given). */
        public Options withWorkspaceFiles(
                String script, String testName, Long projectId, String note, String junitFile) {
            return copy().setWorkspaceFiles(script, testName, projectId, note, junitFile);
        }

        private Options setWorkspaceFiles(
                String script, String testName, Long projectId, String note, String junitFile) {
            this.script = blankToNull(script);
            this.testName = blankToNull(testName);
            this.projectId = projectId;
            this.note = blankToNull(note);
            this.junitFile = blankToNull(junitFile);
            return this;
        }

        public String script() {
            return script;
        }

        public String testName() {
            return testName;
        }

        public Long projectId() {
            return projectId;
        }

        public String note() {
            return note;
        }

        public String junitFile() {
            return junitFile;
        }

        /** Whether the step reads or writes the workspace ({@code script} or {@code junitFile}). */
        public boolean needsWorkspace() {
            return script != null || junitFile != null;
        }

        /** The step's own credentials id, or {@code null} to use the variable or the global default. */
        public String credentialsId() {
            return credentialsId;
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

    /**
     * The build result for failed thresholds: {@code FAILURE} (also for {@code null}) or {@code UNSTABLE}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static BuildResult thresholdResult(String text) {
        String s = blankToNull(text);
        if (s == null || s.toUpperCase(Locale.ROOT).equals("FAILURE")) {
            return BuildResult.FAILURE;
        }
        if (s.toUpperCase(Locale.ROOT).equals("UNSTABLE")) {
            return BuildResult.UNSTABLE;
        }
        throw new IllegalArgumentException(Messages.FormChecks_ThresholdFailure(text));
    }

    /**
     * The k6 Cloud API a run talks to: flavour, address, stack, and where the token comes from (a
     * credentials id, or {@code null} for the {@code K6_CLOUD_TOKEN} variable), never the token
     * itself. A Pipeline step keeps it, so that after a restart it talks to the same API even if
     * the global configuration changed meanwhile.
     */
    public static final class Connection implements Serializable {
        private static final long serialVersionUID = 1L;

        private final ApiFlavour apiFlavour;
        private final String apiUrl;
        private final Long stackId;
        private final String credentialsId;

        /** @param apiFlavour the API; {@code null} means v2, the default */
        public Connection(ApiFlavour apiFlavour, String apiUrl, Long stackId, String credentialsId) {
            this.apiFlavour = apiFlavour == null ? ApiFlavour.V2 : apiFlavour;
            this.apiUrl = apiUrl;
            this.stackId = stackId;
            this.credentialsId = credentialsId;
        }

        public ApiFlavour apiFlavour() {
            return apiFlavour;
        }

        public String apiUrl() {
            return apiUrl;
        }

        public Long stackId() {
            return stackId;
        }

        /** The credentials the token is read from, or {@code null} for the {@code K6_CLOUD_TOKEN} variable. */
        public String credentialsId() {
            return credentialsId;
        }

        public Connection withApiFlavour(ApiFlavour f) {
            return new Connection(f, apiUrl, stackId, credentialsId);
        }

        public Connection withCredentialsId(String id) {
            return new Connection(apiFlavour, apiUrl, stackId, id);
        }

        /**
         * The API address as a URI.
         *
         * @throws IllegalArgumentException when it is not an http(s) URL, with a message that says to
         *     fix the API URL in the global configuration
         */
        public URI apiUri() {
            URI uri = K6CloudDefaults.httpUri(apiUrl);
            if (uri == null) {
                throw new IllegalArgumentException(Messages.Connection_BadApiUrl(apiUrl, DEFAULT_API_URL));
            }
            return uri;
        }

        /**
         * A client for {@code run} with {@code options} ({@link #runOptions()} for a run, also one
         * resumed after a restart; {@link #uploadOptions()}; {@link #metricsOptions()}), with the token
         * read from the credentials or the variable: only the token is looked up again.
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

        /** {@link #runOptions()} with {@link #UPLOAD_CALL_TIMEOUT} per attempt. */
        public ClientOptions uploadOptions() {
            ClientOptions o = runOptions();
            return o.withTimeouts(o.connectTimeout(), o.readTimeout(), UPLOAD_CALL_TIMEOUT);
        }

        /** {@link #METRICS_RETRY_POLICY} and {@link #METRICS_CALL_TIMEOUT} for connecting, reading and each attempt. */
        public ClientOptions metricsOptions() {
            return options()
                    .withRetryPolicy(METRICS_RETRY_POLICY)
                    .withTimeouts(METRICS_CALL_TIMEOUT, METRICS_CALL_TIMEOUT, METRICS_CALL_TIMEOUT);
        }

        /** @throws IllegalArgumentException when the API needs a stack id and there is none, saying where to set it */
        public void checkStackId() {
            if (apiFlavour.requiresStackId() && stackId == null) {
                throw new IllegalArgumentException(Messages.Connection_NeedsStackId());
            }
        }

        /** {@link #RUN_RETRY_POLICY} and a {@link #RUN_CALL_TIMEOUT} per call. */
        public ClientOptions runOptions() {
            ClientOptions o = options().withRetryPolicy(RUN_RETRY_POLICY);
            return o.withTimeouts(o.connectTimeout(), o.readTimeout(), RUN_CALL_TIMEOUT);
        }

        /** The load test look-up in a job's form: one attempt within {@link #LOOKUP_TIMEOUT}. */
        public ClientOptions lookupOptions() {
            return oneAttempt(LOOKUP_TIMEOUT);
        }

        /** "Test connection": one attempt within {@link #FORM_CHECK_TIMEOUT}. */
        public ClientOptions formCheckOptions() {
            return oneAttempt(FORM_CHECK_TIMEOUT);
        }

        /** One attempt, with {@code timeout} for the connection, the answer and the whole call. */
        private ClientOptions oneAttempt(Duration timeout) {
            return options().withRetryPolicy(RetryPolicy.noRetries()).withTimeouts(timeout, timeout, timeout);
        }

        private ClientOptions options() {
            return ClientOptions.defaults()
                    .withStackId(stackId)
                    .withPluginVersion(RunConfig.class.getPackage().getImplementationVersion());
        }

        /**
         * A client of this connection that goes through Jenkins' proxy settings. All share one OkHttp
         * base (connection pool and dispatcher threads); a client is cheap and is made per run, so a
         * changed proxy, token or flavour takes effect on the next run.
         *
         * @throws IllegalArgumentException when it cannot make one (v6 without a stack id, an API URL that is not one)
         */
        public K6CloudClient client(ApiToken token, ClientOptions options) {
            checkStackId();
            OkHttpClient http =
                    JenkinsOkHttpClient.newClientBuilder(SharedHttp.BASE).build();
            return new HttpK6CloudClient(apiFlavour, http, apiUri(), token, options);
        }
    }

    /** Holds the shared base client; created on first use, not when the class is loaded. */
    private static final class SharedHttp {
        static final OkHttpClient BASE = new OkHttpClient();
    }
}
