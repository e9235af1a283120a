package io.jenkins.plugins.k6cloud.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Capped exponential backoff with jitter, within a time budget per call, for transient failures.
 *
 * @param maxAttempts the first included (1 = no retry)
 * @param budget attempts and pauses of one call together; a pause that would end after it is not taken
 */
public record RetryPolicy(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        double multiplier,
        double jitter,
        Duration budget) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(budget, "budget");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "backoff must be 0 <= initial <= max, got " + initialBackoff + " and " + maxBackoff);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget must not be negative, got " + budget);
        }
    }

    /** 5 attempts, pauses from 0.5 s doubling up to 8 s with 20 % jitter, 60 s per call. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(8), 2.0, 0.2, Duration.ofSeconds(60));
    }

    public static RetryPolicy noRetries() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, 0.0, Duration.ZERO);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff, multiplier, jitter, budget);
    }

    public RetryPolicy withBackoff(Duration initial, Duration max, double factor) {
        return new RetryPolicy(maxAttempts, initial, max, factor, jitter, budget);
    }

    public RetryPolicy withJitter(double fraction) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, fraction, budget);
    }

    public RetryPolicy withBudget(Duration callBudget) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter, callBudget);
    }

    public long backoffMillis(int failedAttempts, Random random) {
        double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        double capped = Math.min(base, maxBackoff.toMillis());
        return Math.round(capped * (1.0 - jitter * random.nextDouble()));
    }
}
