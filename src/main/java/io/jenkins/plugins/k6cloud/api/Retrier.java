package io.jenkins.plugins.k6cloud.api;

import io.jenkins.plugins.k6cloud.api.K6CloudException.InterruptedCallException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.RateLimitedException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ServerException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.StartOutcomeUnknownException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.TransportException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.logging.Logger;

/**
 * Runs a request again after transient failures ({@link K6CloudException#isTransient()}) following a
 * {@link RetryPolicy}: capped exponential backoff with jitter, {@code Retry-After} honoured, all
 * within the policy's time budget. When a {@code Retry-After} asks for more time than the budget
 * has left, the rate-limit exception is thrown at once so that the caller can reschedule. A start
 * ({@link #start}) is sent again only when that cannot create a second run.
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

    // ---- the start: sent again only when that cannot create a second run

    /**
     * How long a start may be sent again with the same idempotency key: k6 Cloud keeps a key 10
     * minutes from when it received it; one minute is left for the time the answers took.
     */
    static final Duration KEY_WINDOW = Duration.ofMinutes(9);

    private static final String NOT_LOOKED =
            "Its run, if any, is to be looked for among the runs of the test created since then.";
    private static final String KEY_FORGOTTEN =
            "k6 Cloud may have forgotten its idempotency key by now, so it was not sent again. ";

    /**
     * Starts a run without ever starting two for one call, and without ever taking a run it did not
     * start for certain. It never looks for a run: when the outcome of a start is unknown, it throws a
     * {@link StartOutcomeUnknownException} whose {@code notBefore} is the moment the first ambiguous
     * request was sent (our clock, no skew applied), and the caller (the engine's {@code RunAdoption},
     * which knows which runs its other builds follow) looks for the run, allowing for the clock skew
     * once. A look here could take the run of another build of the same test started a moment earlier.
     *
     * <p>v2: after an ambiguous failure the start is <em>never</em> sent again. A start is sent again
     * only when the failure proves the request never reached k6 Cloud (connection refused, unknown host,
     * no route) or on 429, which k6 Cloud answers before creating anything. v2 starts still carry a
     * {@code K6-Idempotency-Key} (k6's own legacy client sends one; harmless if ignored), but nothing
     * relies on it.
     *
     * <p>v6 ({@code resendIsSafe}): k6 Cloud documents that a start sent again with the same
     * {@code K6-Idempotency-Key} within 10 minutes returns the same run, so after an ambiguous failure
     * the start is sent again with the same key, within the retry budget, but never once
     * {@link #KEY_WINDOW} has passed since the first ambiguous attempt: the outcome is then unknown, as
     * on v2.
     *
     * <p>Ambiguous means: a transport failure once the request may have been sent (timeouts, resets,
     * lost answers) or any 5xx. 502/503/504 usually come from a proxy that may have passed the request
     * on; a 500 may come after k6 Cloud created the run, so it is treated alike. A 2xx whose body cannot
     * be read means the start was accepted: the start is never sent again, on either API, and the
     * outcome is unknown to the caller. A clear 4xx (401, 403, 404, 400 for a subscription limit, a 3xx
     * redirect, ...) is thrown at once. When the outcome cannot be established (the budget ends, the
     * thread is interrupted with the request on its way) a {@link StartOutcomeUnknownException} says
     * which runs may be ours.
     *
     * @param resendIsSafe whether a start sent again after an ambiguous failure returns the same run
     *     (v6, with the same idempotency key, within {@link #KEY_WINDOW}); when {@code false} (v2) it
     *     is never sent again then
     */
    TestRun start(long testId, String request, Attempt<TestRun> start, boolean resendIsSafe) throws K6CloudException {
        long deadline = deadline();
        Instant firstAmbiguous = null;
        for (int failures = 1; ; failures++) {
            Instant sentAt = clock.instant();
            K6CloudException failure;
            try {
                return start.run();
            } catch (K6CloudException e) {
                failure = e;
            }
            if (failure instanceof InterruptedCallException && mayHaveBeenSent(failure.getCause())) {
                throw unknownOutcome(
                        testId,
                        request,
                        firstAmbiguous != null ? firstAmbiguous : sentAt,
                        failure,
                        "The plugin was interrupted before it could find out.");
            }
            boolean accepted = acceptedButUnreadable(failure);
            boolean ambiguous = accepted || isAmbiguous(failure);
            if (ambiguous && firstAmbiguous == null) {
                firstAmbiguous = sentAt;
            }
            if (accepted || (firstAmbiguous != null && !resendIsSafe)) {
                throw unknownOutcome(testId, request, firstAmbiguous, failure, NOT_LOOKED);
            }
            if (!ambiguous && !failure.isTransient()) {
                throw firstAmbiguous == null
                        ? failure
                        : unknownOutcome(testId, request, firstAmbiguous, failure, NOT_LOOKED);
            }
            try {
                pauseOrThrow(failure, failures, deadline);
            } catch (K6CloudException last) {
                throw firstAmbiguous == null ? last : unknownOutcome(testId, request, firstAmbiguous, last, NOT_LOOKED);
            }
            if (firstAmbiguous != null && keyForgotten(firstAmbiguous)) {
                // sent again now, the start could create a second run
                throw unknownOutcome(testId, request, firstAmbiguous, failure, KEY_FORGOTTEN + NOT_LOOKED);
            }
        }
    }

    /** Whether k6 Cloud may have forgotten the idempotency key of the first ambiguous attempt. */
    private boolean keyForgotten(Instant firstAmbiguous) {
        return !clock.instant().isBefore(firstAmbiguous.plus(KEY_WINDOW));
    }

    /** Whether the request may have reached k6 Cloud and created a run although we have no answer saying so. */
    static boolean isAmbiguous(K6CloudException e) {
        return e instanceof ServerException || (e instanceof TransportException && mayHaveBeenSent(e.getCause()));
    }

    /** A 2xx whose body could not be read: k6 Cloud accepted the start, so it must not be sent again. */
    static boolean acceptedButUnreadable(K6CloudException e) {
        return e instanceof ProtocolException && e.httpStatus() >= 200 && e.httpStatus() <= 299;
    }

    /**
     * Every failure but those that prove no connection existed (connection refused, unknown host, no
     * route): only these allow sending a start again.
     */
    private static boolean mayHaveBeenSent(Throwable cause) {
        return !(cause instanceof ConnectException
                || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException);
    }

    private static StartOutcomeUnknownException unknownOutcome(
            long testId, String request, Instant notBefore, K6CloudException failure, String what) {
        return new StartOutcomeUnknownException(
                "Starting load test " + testId + " (" + request
                        + ") may or may not have created a run: " + failure.getMessage() + " " + what
                        + " Look in k6 Cloud for a run of load test " + testId + " created after " + notBefore
                        + " and stop it if it is not wanted; the plugin did not start another one.",
                request,
                testId,
                notBefore,
                failure);
    }
}
