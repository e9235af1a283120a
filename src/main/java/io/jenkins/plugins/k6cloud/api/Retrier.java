package io.jenkins.plugins.k6cloud.api;

import io.jenkins.plugins.k6cloud.api.K6CloudException.RateLimitedException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ServerException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.TransportException;
import java.time.Clock;
import java.util.Random;
import java.util.logging.Logger;

/**
 * Runs a request again after transient failures ({@link K6CloudException#isTransient()}) following a
 * {@link RetryPolicy}: capped exponential backoff with jitter, {@code Retry-After} honoured, all
 * within the policy's time budget. When a {@code Retry-After} asks for more time than the budget
 * has left, the rate-limit exception is thrown at once so that the caller can reschedule.
 */
final class Retrier {
    private static final Logger LOG = Logger.getLogger(Retrier.class.getName());

    /** One attempt of a call. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws K6CloudException;
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Random random;

    Retrier(ClientOptions options) {
        this.policy = options.retryPolicy();
        this.sleeper = options.sleeper();
        this.clock = options.clock();
        this.random = options.random();
    }

    <T> T call(Attempt<T> attempt) throws K6CloudException {
        long deadline = deadline();
        for (int failures = 1; ; failures++) {
            try {
                return attempt.run();
            } catch (K6CloudException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                pauseOrThrow(e, failures, deadline);
            }
        }
    }

    /** The end of the time budget of a call starting now, in {@link Clock#millis()}. */
    long deadline() {
        long budget = policy.budget().toMillis();
        long now = clock.millis();
        return budget > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + budget;
    }

    /**
     * Sleeps before attempt {@code failures + 1} after {@code failure}, or throws {@code failure}
     * (with a note of the attempts made) when the attempts or the budget are used up.
     */
    void pauseOrThrow(K6CloudException failure, int failures, long deadline) throws K6CloudException {
        if (failures >= policy.maxAttempts()) {
            throw gaveUp(failure, failures);
        }
        long retryAfter = failure instanceof RateLimitedException rl ? rl.retryAfterMillis() : -1;
        long delay = retryAfter >= 0 ? retryAfter : policy.backoffMillis(failures, random);
        long left = deadline - clock.millis();
        if (delay > left) {
            throw retryAfter >= 0 ? failure : gaveUp(failure, failures);
        }
        LOG.fine(() -> failure.request() + " failed (" + failure.getClass().getSimpleName() + ", HTTP "
                + failure.httpStatus() + "); attempt " + (failures + 1) + " in " + delay + " ms");
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new K6CloudException.InterruptedCallException(
                    "Interrupted while waiting to send " + failure.request()
                            + " to k6 Cloud again; the last attempt failed: " + failure.getMessage(),
                    failure.request(),
                    failure);
        }
    }

    /** The same failure, its message saying how many attempts were made. */
    static K6CloudException gaveUp(K6CloudException e, int attempts) {
        if (attempts <= 1) {
            return e;
        }
        String message = e.getMessage() + " (gave up after " + attempts + " attempts)";
        K6CloudException out;
        if (e instanceof RateLimitedException rl) {
            out = new RateLimitedException(message, e.request(), rl.retryAfterMillis());
        } else if (e instanceof ServerException) {
            out = new ServerException(message, e.request(), e.httpStatus());
        } else if (e instanceof TransportException) {
            out = new TransportException(message, e.request(), e.getCause());
        } else {
            return e;
        }
        out.setStackTrace(e.getStackTrace());
        return out;
    }
}
