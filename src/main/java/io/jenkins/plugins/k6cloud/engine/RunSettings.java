package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import io.jenkins.plugins.k6cloud.api.TestRun;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How one run is followed, checked when made. {@code startTimeout} bounds created/queued/initializing;
 * {@code cancelWait} the wait for the end after a cancel or our timeout's stop; {@code webAppUrl} is the base of run
 * links; {@code waitForEnd == false} reports {@link Verdict#STARTED} once the run has an id.
 */
public record RunSettings(
        Duration pollInterval,
        Duration timeout,
        Duration startTimeout,
        Duration processingTimeout,
        Duration errorBudget,
        int maxConsecutiveErrors,
        Duration cancelWait,
        BuildResult onThresholdsFailed,
        String webAppUrl,
        boolean waitForEnd)
        implements Serializable {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    public static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(2);
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_PROCESSING_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_ERROR_BUDGET = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_CONSECUTIVE_ERRORS = 20;
    public static final Duration DEFAULT_CANCEL_WAIT = Duration.ofMinutes(2);
    public static final String DEFAULT_WEB_APP_URL = "https://app.k6.io";

    public RunSettings {
        String url = Objects.requireNonNull(webAppUrl, "webAppUrl").strip().replaceAll("/+$", "");
        if (K6CloudDefaults.httpUri(url) == null) {
            throw new IllegalArgumentException(
                    "The k6 web app address '" + webAppUrl + "' is not an http(s) URL, e.g. https://app.k6.io");
        }
        webAppUrl = url;
        checkPollInterval(pollInterval);
        requirePositive(timeout, "timeout");
        requirePositive(startTimeout, "start timeout");
        requirePositive(processingTimeout, "processing timeout");
        requirePositive(errorBudget, "error budget");
        if (maxConsecutiveErrors < 1) {
            throw new IllegalArgumentException("The number of failed polls allowed in a row must be 1 or more");
        }
        requirePositive(cancelWait, "cancel wait");
        if (onThresholdsFailed != BuildResult.FAILURE && onThresholdsFailed != BuildResult.UNSTABLE) {
            throw new IllegalArgumentException(
                    "When thresholds fail the build can be FAILURE or UNSTABLE, not " + onThresholdsFailed);
        }
    }

    /** What a user chooses (the step, the builder, the CLI), with the engine's defaults for the rest. */
    public static RunSettings of(
            String webAppUrl,
            Duration pollInterval,
            Duration timeout,
            BuildResult onThresholdsFailed,
            boolean waitForEnd) {
        return new RunSettings(
                pollInterval,
                timeout,
                DEFAULT_START_TIMEOUT,
                DEFAULT_PROCESSING_TIMEOUT,
                DEFAULT_ERROR_BUDGET,
                DEFAULT_MAX_CONSECUTIVE_ERRORS,
                DEFAULT_CANCEL_WAIT,
                onThresholdsFailed,
                webAppUrl,
                waitForEnd);
    }

    public static void checkPollInterval(Duration d) {
        requirePositive(d, "poll interval");
        if (d.compareTo(MIN_POLL_INTERVAL) < 0) {
            throw new IllegalArgumentException("The poll interval " + DurationFormat.format(d)
                    + " is too short: k6 Cloud is polled at most once a second, use 1s or more");
        }
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("The " + what + " must be a positive duration such as 5s, 10m or 1h");
        }
    }

    public String runUrl(long runId) {
        return webAppUrl + "/runs/" + runId;
    }

    /** The link k6 Cloud gave for the run when it is safe, else {@link #runUrl}. */
    String runLink(TestRun run) {
        String safe = safeLink(run.webUrl());
        return safe != null ? safe : runUrl(run.id());
    }

    /** Run links from k6 Cloud answers end up in {@code href} attributes: only http(s) with a host, no user-info. */
    static String safeLink(String url) {
        URI u = K6CloudDefaults.httpUri(url);
        return u != null && u.getRawUserInfo() == null ? u.toString() : null;
    }
}
