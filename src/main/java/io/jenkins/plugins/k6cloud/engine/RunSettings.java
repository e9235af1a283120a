package io.jenkins.plugins.k6cloud.engine;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How one run is followed. Immutable and serialisable (it travels with {@link WatchState}); the
 * {@code with*} methods return changed copies and reject values that make no sense with a
 * message that says what to fix.
 */
public final class RunSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    /** k6 Cloud is not polled more often than this. */
    public static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(1);

    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(2);
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_PROCESSING_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_ERROR_BUDGET = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_CONSECUTIVE_ERRORS = 20;
    public static final Duration DEFAULT_CANCEL_WAIT = Duration.ofMinutes(2);
    public static final String DEFAULT_WEB_APP_URL = "https://app.k6.io";

    private final long pollIntervalMillis;
    private final long timeoutMillis;
    private final long startTimeoutMillis;
    private final long processingTimeoutMillis;
    private final long errorBudgetMillis;
    private final int maxConsecutiveErrors;
    private final long cancelWaitMillis;
    private final BuildResult onThresholdsFailed;
    private final String webAppUrl;
    private final boolean waitForEnd;

    private RunSettings(Copy c) {
        this.pollIntervalMillis = c.pollIntervalMillis;
        this.timeoutMillis = c.timeoutMillis;
        this.startTimeoutMillis = c.startTimeoutMillis;
        this.processingTimeoutMillis = c.processingTimeoutMillis;
        this.errorBudgetMillis = c.errorBudgetMillis;
        this.maxConsecutiveErrors = c.maxConsecutiveErrors;
        this.cancelWaitMillis = c.cancelWaitMillis;
        this.onThresholdsFailed = c.onThresholdsFailed;
        this.webAppUrl = c.webAppUrl;
        this.waitForEnd = c.waitForEnd;
    }

    public static RunSettings defaults() {
        Copy c = new Copy();
        c.pollIntervalMillis = DEFAULT_POLL_INTERVAL.toMillis();
        c.timeoutMillis = DEFAULT_TIMEOUT.toMillis();
        c.startTimeoutMillis = DEFAULT_START_TIMEOUT.toMillis();
        c.processingTimeoutMillis = DEFAULT_PROCESSING_TIMEOUT.toMillis();
        c.errorBudgetMillis = DEFAULT_ERROR_BUDGET.toMillis();
        c.maxConsecutiveErrors = DEFAULT_MAX_CONSECUTIVE_ERRORS;
        c.cancelWaitMillis = DEFAULT_CANCEL_WAIT.toMillis();
        c.onThresholdsFailed = BuildResult.FAILURE;
        c.webAppUrl = DEFAULT_WEB_APP_URL;
        c.waitForEnd = true;
        return new RunSettings(c);
    }

    public Duration pollInterval() {
        return Duration.ofMillis(pollIntervalMillis);
    }

    /**
     * The longest the run may take from the start of the watch until it ends; then the run is
     * stopped. The wait for metrics processing after the end is bounded by
     * {@link #processingTimeout()} instead.
     */
    public Duration timeout() {
        return Duration.ofMillis(timeoutMillis);
    }

    /** The longest a run may stay created, queued or initializing before it runs. */
    public Duration startTimeout() {
        return Duration.ofMillis(startTimeoutMillis);
    }

    /** The longest to wait, after the run ended, for k6 Cloud to finish processing its metrics. */
    public Duration processingTimeout() {
        return Duration.ofMillis(processingTimeoutMillis);
    }

    /** How long k6 Cloud may keep failing (transport, 429, 5xx) before we give up on the run. */
    public Duration errorBudget() {
        return Duration.ofMillis(errorBudgetMillis);
    }

    /** How many polls in a row may fail before we give up on the run. */
    public int maxConsecutiveErrors() {
        return maxConsecutiveErrors;
    }

    /** After a cancel, how long to wait for k6 Cloud to report the run ended. */
    public Duration cancelWait() {
        return Duration.ofMillis(cancelWaitMillis);
    }

    /** The build result when thresholds fail: FAILURE (default) or UNSTABLE. */
    public BuildResult onThresholdsFailed() {
        return onThresholdsFailed;
    }

    /** The base of run links, e.g. {@code https://app.k6.io} ({@code /runs/{id}} is appended). */
    public String webAppUrl() {
        return webAppUrl;
    }

    /** {@code false}: report {@link Verdict#STARTED} as soon as the run has an id. */
    public boolean waitForEnd() {
        return waitForEnd;
    }

    public RunSettings withPollInterval(Duration d) {
        checkPollInterval(d);
        return with(c -> c.pollIntervalMillis = d.toMillis());
    }

    /** Rejects a poll interval that is not positive or shorter than {@link #MIN_POLL_INTERVAL}, saying what to fix. */
    public static void checkPollInterval(Duration d) {
        requirePositive(d, "poll interval");
        if (d.compareTo(MIN_POLL_INTERVAL) < 0) {
            throw new IllegalArgumentException("The poll interval " + DurationFormat.format(d)
                    + " is too short: k6 Cloud is polled at most once a second, use 1s or more");
        }
    }

    public RunSettings withTimeout(Duration d) {
        requirePositive(d, "timeout");
        return with(c -> c.timeoutMillis = d.toMillis());
    }

    public RunSettings withStartTimeout(Duration d) {
        requirePositive(d, "start timeout");
        return with(c -> c.startTimeoutMillis = d.toMillis());
    }

    public RunSettings withProcessingTimeout(Duration d) {
        requirePositive(d, "processing timeout");
        return with(c -> c.processingTimeoutMillis = d.toMillis());
    }

    public RunSettings withErrorBudget(Duration d, int maxConsecutive) {
        requirePositive(d, "error budget");
        if (maxConsecutive < 1) {
            throw new IllegalArgumentException("The number of failed polls allowed in a row must be 1 or more");
        }
        return with(c -> {
            c.errorBudgetMillis = d.toMillis();
            c.maxConsecutiveErrors = maxConsecutive;
        });
    }

    public RunSettings withCancelWait(Duration d) {
        requirePositive(d, "cancel wait");
        return with(c -> c.cancelWaitMillis = d.toMillis());
    }

    public RunSettings withOnThresholdsFailed(BuildResult r) {
        if (r != BuildResult.FAILURE && r != BuildResult.UNSTABLE) {
            throw new IllegalArgumentException("When thresholds fail the build can be FAILURE or UNSTABLE, not " + r);
        }
        return with(c -> c.onThresholdsFailed = r);
    }

    public RunSettings withWebAppUrl(String url) {
        String u =
                withoutTrailingSlashes(Objects.requireNonNull(url, "webAppUrl").strip());
        if (!(u.startsWith("https://") || u.startsWith("http://"))) {
            throw new IllegalArgumentException(
                    "The k6 web app address '" + url + "' is not an http(s) URL, e.g. https://app.k6.io");
        }
        return with(c -> c.webAppUrl = u);
    }

    public RunSettings withWaitForEnd(boolean wait) {
        return with(c -> c.waitForEnd = wait);
    }

    private RunSettings with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new RunSettings(c);
    }

    /** The link to a run in the web app. */
    public String runUrl(long runId) {
        return webAppUrl + "/runs/" + runId;
    }

    private static String withoutTrailingSlashes(String url) {
        String u = url;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("The " + what + " must be a positive duration such as 5s, 10m or 1h");
        }
    }

    /** The mutable working copy behind {@link #defaults()} and the {@code with*} methods. */
    private static final class Copy {
        long pollIntervalMillis;
        long timeoutMillis;
        long startTimeoutMillis;
        long processingTimeoutMillis;
        long errorBudgetMillis;
        int maxConsecutiveErrors;
        long cancelWaitMillis;
        BuildResult onThresholdsFailed;
        String webAppUrl;
        boolean waitForEnd;

        Copy() {}

        Copy(RunSettings s) {
            pollIntervalMillis = s.pollIntervalMillis;
            timeoutMillis = s.timeoutMillis;
            startTimeoutMillis = s.startTimeoutMillis;
            processingTimeoutMillis = s.processingTimeoutMillis;
            errorBudgetMillis = s.errorBudgetMillis;
            maxConsecutiveErrors = s.maxConsecutiveErrors;
            cancelWaitMillis = s.cancelWaitMillis;
            onThresholdsFailed = s.onThresholdsFailed;
            webAppUrl = s.webAppUrl;
            waitForEnd = s.waitForEnd;
        }
    }
}
