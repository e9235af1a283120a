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
 * The one path from what people configured to a run: the step's {@link Options} and the global defaults become
 * the engine's {@link RunSettings} and a {@link Connection} (saved by a Pipeline step: never the token), which
 * with a token makes a client. Records: the Pipeline saves them through JBoss Marshalling River, which reads records.
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

    public record Prepared(RunSettings settings, K6CloudClient client, Connection connection) {}

    /** @throws AbortException with a message that says which setting or credentials to fix */
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

    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A step's options as typed; {@code null} (or blank): the global default, or not given. */
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

        public RegressionGate regressionGate() {
            return maxRegression == null ? null : RegressionGate.parse(maxRegression);
        }

        public boolean needsWorkspace() {
            return script != null || junitFile != null;
        }

        /** @throws IllegalArgumentException with a message that says which value to fix */
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
     * The API a run talks to and where its token comes from (a credentials id; {@code null}: {@code K6_CLOUD_TOKEN}).
     * A Pipeline step keeps it, so a restart talks to the same API even if the global configuration changed.
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

        public URI apiUri() {
            URI uri = K6CloudDefaults.httpUri(apiUrl);
            if (uri == null) {
                throw new IllegalArgumentException(Messages.Connection_BadApiUrl(apiUrl, DEFAULT_API_URL));
            }
            return uri;
        }

        public void checkStackId() {
            if (apiFlavour.requiresStackId() && stackId == null) {
                throw new IllegalArgumentException(Messages.Connection_NeedsStackId());
            }
        }

        /** @throws AbortException when the token cannot be read, or the connection cannot make a client */
        public K6CloudClient clientForRun(Run<?, ?> run, Map<String, String> env, ClientOptions options)
                throws AbortException {
            try {
                return client(K6CloudCredentials.token(run, credentialsId, env, apiUrl), options);
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
        }

        /** Through Jenkins' proxy, on one shared OkHttp base; per run, so a changed proxy or token counts on the next. */
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

    private static final class SharedHttp {
        static final OkHttpClient BASE = new OkHttpClient();
    }
}
