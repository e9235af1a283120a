package io.jenkins.plugins.k6cloud.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * A client's settings besides flavour, HTTP client, URL and token; clock, sleeper and random (the
 * jitter) are replaceable so that tests run in virtual time.
 *
 * @param pluginVersion its first word only (snapshots read {@code 1.0-SNAPSHOT (private-...)})
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

    public ClientOptions withTime(Clock time, Sleeper pauses, Random jitter) {
        return new ClientOptions(
                stackId, pluginVersion, connectTimeout, readTimeout, callTimeout, retryPolicy, time, pauses, jitter);
    }

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
