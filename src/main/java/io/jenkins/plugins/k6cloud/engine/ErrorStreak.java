package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.K6CloudException;

/**
 * Failed calls to k6 Cloud in a row, and whether they have used up the budget: at most
 * {@link RunSettings#maxConsecutiveErrors()} failures, for at most {@link RunSettings#errorBudget()}
 * since the first failure of the streak. Any success ends the streak.
 */
final class ErrorStreak {
    /** Back-off never grows beyond this, so a long outage is still probed now and then. */
    static final long MAX_BACKOFF_MILLIS = 60_000;

    private final RunSettings settings;
    private int failures;
    private long firstFailureAt;

    ErrorStreak(RunSettings settings) {
        this.settings = settings;
    }

    /** @return how many failures the streak that just ended had */
    int reset() {
        int had = failures;
        failures = 0;
        return had;
    }

    int failures() {
        return failures;
    }

    /**
     * Counts a failure.
     *
     * @return {@code true} when the budget is spent and the engine must give up
     */
    boolean record(long nowMillis) {
        if (failures == 0) {
            firstFailureAt = nowMillis;
        }
        failures++;
        return failures >= settings.maxConsecutiveErrors()
                || nowMillis - firstFailureAt >= settings.errorBudget().toMillis();
    }

    /** Exponential from the poll interval, at least what a 429 asked for. */
    long backoffMillis(K6CloudException e) {
        long base = settings.pollInterval().toMillis();
        int doublings = Math.min(Math.max(0, failures - 1), 16);
        long delay = Math.min(base << doublings, Math.max(base, MAX_BACKOFF_MILLIS));
        if (e instanceof K6CloudException.RateLimitedException) {
            delay = Math.max(delay, ((K6CloudException.RateLimitedException) e).retryAfterMillis());
        }
        return delay;
    }

    /** "7 calls failed in a row over 2m30s". */
    String describe(long nowMillis) {
        return failures + " call" + (failures == 1 ? "" : "s") + " to k6 Cloud failed in a row over "
                + DurationFormat.format(java.time.Duration.ofMillis(Math.max(0, nowMillis - firstFailureAt)));
    }
}
