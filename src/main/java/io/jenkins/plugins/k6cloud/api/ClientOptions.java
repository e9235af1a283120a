package io.jenkins.plugins.k6cloud.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * The settings of a k6 Cloud client besides its HTTP client, URL and token: stack id, User-Agent,
 * timeouts, retries, and the clock, sleeper and random source (replaceable so that tests run in
 * virtual time). Immutable; build one with {@link #builder()}.
 */
public final class ClientOptions {
    static final String USER_AGENT_PRODUCT = "k6-cloud-jenkins-plugin";

    private final Long stackId;
    private final String pluginVersion;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Random random;

    private ClientOptions(Builder b) {
        this.stackId = b.stackId;
        this.pluginVersion = b.pluginVersion;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.callTimeout = b.callTimeout;
        this.retryPolicy = b.retryPolicy;
        this.sleeper = b.sleeper;
        this.clock = b.clock;
        this.random = b.random;
    }

    /** No stack id, 10 s connect, 30 s read, 60 s per attempt, {@link RetryPolicy#defaults()}, real time. */
    public static ClientOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.stackId = stackId;
        b.pluginVersion = pluginVersion;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.callTimeout = callTimeout;
        b.retryPolicy = retryPolicy;
        b.sleeper = sleeper;
        b.clock = clock;
        b.random = random;
        return b;
    }

    /** The Grafana stack id sent as {@code X-Stack-Id}, or {@code null} to send none. */
    public Long stackId() {
        return stackId;
    }

    public String pluginVersion() {
        return pluginVersion;
    }

    /** {@code k6-cloud-jenkins-plugin/<version>}. */
    public String userAgent() {
        return USER_AGENT_PRODUCT + "/" + pluginVersion;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The longest wait for the next bytes of a response (also used as the write timeout). */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** The longest one attempt of a request may take, from connecting to reading the whole body. */
    public Duration callTimeout() {
        return callTimeout;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    public Clock clock() {
        return clock;
    }

    /** The source of retry jitter. */
    public Random random() {
        return random;
    }

    @Override
    public String toString() {
        return "ClientOptions[stackId=" + stackId + ", userAgent=" + userAgent() + ", connect=" + connectTimeout
                + ", read=" + readTimeout + ", call=" + callTimeout + ", " + retryPolicy + "]";
    }

    /** Builds {@link ClientOptions}; every setting has a default. */
    public static final class Builder {
        private Long stackId;
        private String pluginVersion = "dev";
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private Random random = new Random();

        private Builder() {}

        /** The Grafana stack id, or {@code null} for none. */
        public Builder stackId(Long id) {
            if (id != null && id <= 0) {
                throw new IllegalArgumentException("The stack id must be a positive number, got " + id);
            }
            stackId = id;
            return this;
        }

        /**
         * The plugin version shown in the User-Agent, e.g. {@code 1.0.3}. Only its first word is
         * used (Jenkins snapshot versions read like {@code 1.0-SNAPSHOT (private-...)}), characters
         * a header cannot carry become {@code _}, and {@code null} or blank means {@code dev}.
         */
        public Builder pluginVersion(String version) {
            String first = version == null ? "" : version.strip().split("\\s+", 2)[0];
            StringBuilder clean = new StringBuilder();
            first.chars().forEach(c -> clean.append(c > 0x20 && c < 0x7f ? (char) c : '_'));
            pluginVersion = clean.length() == 0 ? "dev" : clean.toString();
            return this;
        }

        public Builder connectTimeout(Duration d) {
            connectTimeout = positive(d, "connect timeout");
            return this;
        }

        public Builder readTimeout(Duration d) {
            readTimeout = positive(d, "read timeout");
            return this;
        }

        public Builder callTimeout(Duration d) {
            callTimeout = positive(d, "call timeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy p) {
            retryPolicy = Objects.requireNonNull(p, "retryPolicy");
            return this;
        }

        public Builder sleeper(Sleeper s) {
            sleeper = Objects.requireNonNull(s, "sleeper");
            return this;
        }

        public Builder clock(Clock c) {
            clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public Builder random(Random r) {
            random = Objects.requireNonNull(r, "random");
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(
                        "The " + what + " must be positive (0 would mean no limit), got " + d);
            }
            return d;
        }
    }
}
