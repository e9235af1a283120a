package io.jenkins.plugins.k6cloud;

import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.RetryPolicy;
import io.jenkins.plugins.okhttp.api.JenkinsOkHttpClient;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * Builds k6 Cloud clients of the configured API flavour (v2 or v6) that go through Jenkins' proxy
 * settings. All share one OkHttp base (connection pool and dispatcher threads); a client is cheap
 * and is built per run, so a changed proxy, token or flavour takes effect on the next run.
 */
public final class K6CloudClients {
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

    private K6CloudClients() {}

    /**
     * The client one run uses: {@link #RUN_RETRY_POLICY} and a {@link #RUN_CALL_TIMEOUT} per call.
     *
     * @throws IllegalArgumentException when the settings cannot make a client (v6 without a stack id,
     *     a saved API URL that is not one)
     */
    public static K6CloudClient forRun(GlobalSettings settings, ApiToken token) {
        return create(settings, token, runOptions(settings));
    }

    static ClientOptions runOptions(GlobalSettings settings) {
        ClientOptions o = options(settings).withRetryPolicy(RUN_RETRY_POLICY);
        return o.withTimeouts(o.connectTimeout(), o.readTimeout(), RUN_CALL_TIMEOUT);
    }

    /** The client of the load test look-up in a job's form: one attempt within {@link #LOOKUP_TIMEOUT}. */
    public static K6CloudClient forLookup(GlobalSettings settings, ApiToken token) {
        return create(settings, token, lookupOptions(settings));
    }

    static ClientOptions lookupOptions(GlobalSettings settings) {
        return oneAttemptOptions(settings, LOOKUP_TIMEOUT);
    }

    /** The client of a form check ("Test connection", the load test lookup). */
    public static K6CloudClient forFormCheck(GlobalSettings settings, ApiToken token) {
        return create(settings, token, formCheckOptions(settings));
    }

    static ClientOptions formCheckOptions(GlobalSettings settings) {
        return oneAttemptOptions(settings, FORM_CHECK_TIMEOUT);
    }

    /** One attempt, with {@code timeout} for the connection, the answer and the whole call. */
    private static ClientOptions oneAttemptOptions(GlobalSettings settings, Duration timeout) {
        return options(settings).withRetryPolicy(RetryPolicy.noRetries()).withTimeouts(timeout, timeout, timeout);
    }

    private static ClientOptions options(GlobalSettings settings) {
        return ClientOptions.defaults()
                .withStackId(settings.stackId())
                .withPluginVersion(K6CloudClients.class.getPackage().getImplementationVersion());
    }

    private static K6CloudClient create(GlobalSettings settings, ApiToken token, ClientOptions options) {
        if (settings.apiFlavour().requiresStackId() && options.stackId() == null) {
            throw new IllegalArgumentException(Messages.Connection_NeedsStackId());
        }
        OkHttpClient http =
                JenkinsOkHttpClient.newClientBuilder(SharedHttp.BASE).build();
        return new HttpK6CloudClient(settings.apiFlavour(), http, settings.apiUri(), token, options);
    }

    /** Holds the shared base client; created on first use, not when the class is loaded. */
    private static final class SharedHttp {
        static final OkHttpClient BASE = new OkHttpClient();
    }
}
