package io.jenkins.plugins.k6cloud.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * The settings of a k6 Cloud client besides its flavour, HTTP client, URL and token. {@link
 * #defaults()} has every one; the {@code with} methods change one.
 *
 * @param stackId the Grafana stack id sent as {@code X-Stack-Id}, or {@code null} to send none
 * @param pluginVersion the plugin version shown in the User-Agent, e.g. {@code 1.0.3}. Only its first
 *     word is kept (Jenkins snapshot versions read like {@code 1.0-SNAPSHOT (private-...)}),
 *     characters a header cannot carry become {@code _}, and {@code null} or blank means {@code dev}
 * @param readTimeout the longest wait for the next bytes of a response (also the write timeout)
 * @param callTimeout the longest one attempt of a request may take, from connecting to reading the
 *     whole body
 * @param clock the time of retry budgets and {@code Retry-After} dates; with {@code sleeper} and
 *     {@code random} (the source of retry jitter), replaceable so that tests run in virtual time
 */
public record ClientOptions(
        Long stackId,
        String pluginVersion,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        RetryPolicy retryPolicy,
        Clock clock,
        Sleeper sleeper,
        Random random) {
    static final String USER_AGENT_PRODUCT = "k6-cloud-jenkins-plugin";

    public ClientOptions {
        if (stackId != null && stackId <= 0) {
            throw new IllegalArgumentException("The stack id must be a positive number, got " + stackId);
        }
        String first = pluginVersion == null ? "" : pluginVersion.strip().split("\\s+", 2)[0];
        StringBuilder clean = new StringBuilder();
        first.chars().forEach(c -> clean.append(c > 0x20 && c < 0x7f ? (char) c : '_'));
        pluginVersion = clean.length() == 0 ? "dev" : clean.toString();
        positive(connectTimeout, "connect timeout");
        positive(readTimeout, "read timeout");
        positive(callTimeout, "call timeout");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(random, "random");
    }

    /** No stack id, 10 s connect, 30 s read, 60 s per attempt, {@link RetryPolicy#defaults()}, real time. */
    public static ClientOptions defaults() {
        return new ClientOptions(
                null,
                "dev",
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                RetryPolicy.defaults(),
                Clock.systemUTC(),
                Sleeper.SYSTEM,
                new Random());
    }

    public ClientOptions withStackId(Long id) {
        return new ClientOptions(
                id, pluginVersion, connectTimeout, readTimeout, callTimeout, retryPolicy, clock, sleeper, random);
    }

    public ClientOptions withPluginVersion(String version) {
        return new ClientOptions(
                stackId, version, connectTimeout, readTimeout, callTimeout, retryPolicy, clock, sleeper, random);
    }

    public ClientOptions withTimeouts(Duration connect, Duration read, Duration call) {
        return new ClientOptions(stackId, pluginVersion, connect, read, call, retryPolicy, clock, sleeper, random);
    }

    public ClientOptions withRetryPolicy(RetryPolicy policy) {
        return new ClientOptions(
                stackId, pluginVersion, connectTimeout, readTimeout, callTimeout, policy, clock, sleeper, random);
    }

    /** Time for tests: pauses go to {@code sleeper} (which may move {@code clock} instead of waiting). */
    public ClientOptions withTime(Clock time, Sleeper pauses, Random jitter) {
        return new ClientOptions(
                stackId, pluginVersion, connectTimeout, readTimeout, callTimeout, retryPolicy, time, pauses, jitter);
    }

    /** {@code k6-cloud-jenkins-plugin/<version>}. */
    public String userAgent() {
        return USER_AGENT_PRODUCT + "/" + pluginVersion;
    }

    @Override
    public String toString() {
        return "ClientOptions[stackId=" + stackId + ", userAgent=" + userAgent() + ", connect=" + connectTimeout
                + ", read=" + readTimeout + ", call=" + callTimeout + ", " + retryPolicy + "]";
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("The " + what + " must be positive (0 would mean no limit), got " + d);
        }
    }
}
