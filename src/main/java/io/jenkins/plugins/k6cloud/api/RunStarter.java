package io.jenkins.plugins.k6cloud.api;

import io.jenkins.plugins.k6cloud.api.K6CloudException.InterruptedCallException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ServerException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.StartOutcomeUnknownException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.TransportException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Starts a run without ever starting two for one call.
 *
 * <p>The decision (v2): after an ambiguous failure the start is <em>never</em> sent again. The runs of
 * the test created since just before the request are looked at once; a run found there is adopted,
 * otherwise a {@link StartOutcomeUnknownException} is thrown and the engine keeps looking (bounded)
 * and adopts the run when it appears, or fails the build saying that k6 Cloud may have started a run
 * and where to check. k6 Cloud may create the run after it has failed to answer (a slow answer past
 * our read timeout), so "not found yet" proves nothing. A start is sent again only when the failure
 * proves the request never reached k6 Cloud (connection refused, unknown host, no route) or on 429,
 * which k6 Cloud answers before creating anything. v2 starts still carry a {@code K6-Idempotency-Key}
 * (k6's own legacy client sends one; harmless if ignored), but nothing relies on it.
 *
 * <p>v6 ({@code resendIsSafe}): k6 Cloud documents that a start sent again with the same
 * {@code K6-Idempotency-Key} within 10 minutes returns the same run, so after an ambiguous failure
 * the recent runs are looked at and, if none is ours, the start is sent again with the same key,
 * within the retry budget.
 *
 * <p>Ambiguous means: a transport failure once the request may have been sent (timeouts, resets,
 * lost answers) or any 5xx. 502/503/504 usually come from a proxy that may have passed the request
 * on; a 500 may come after k6 Cloud created the run, so it is treated alike. A 2xx whose body cannot
 * be read means the start was accepted: its run is looked for, and the start is never sent again,
 * on either API. Runs are matched by their {@code created} time, which is k6 Cloud's clock: a run
 * created up to {@link ClientOptions#startClockSkew()} before we sent the request still counts, to
 * allow for our clock being ahead. Among several, the newest (highest id) is taken. A clear 4xx
 * (401, 403, 404, 400 for a subscription limit, a 3xx redirect, ...) is thrown at once. When the
 * outcome cannot be established (the runs cannot be listed, no run is there yet, the budget ends,
 * the thread is interrupted with the request on its way) a {@link StartOutcomeUnknownException} says
 * which runs may be ours.
 */
final class RunStarter {
    private static final Logger LOG = Logger.getLogger(RunStarter.class.getName());

    private static final String NONE_FOUND =
            "No run of the test created since then could be found, but k6 Cloud may still create one.";

    /** Lists the runs of the test being started created at or after an instant (with at least id, test_id and created). */
    @FunctionalInterface
    interface RecentRuns {
        List<TestRun> since(Instant createdAfter) throws K6CloudException;
    }

    private final Retrier retrier;
    private final Clock clock;
    private final Duration clockSkew;

    RunStarter(Retrier retrier, Clock clock, Duration clockSkew) {
        this.retrier = retrier;
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    /**
     * @param resendIsSafe whether a start sent again after an ambiguous failure returns the same run
     *     (v6, with the same idempotency key); when {@code false} (v2) it is never sent again then
     */
    TestRun start(long testId, String request, Retrier.Attempt<TestRun> start, RecentRuns runs, boolean resendIsSafe)
            throws K6CloudException {
        long deadline = retrier.deadline();
        Instant notBefore = null;
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
                        notBefore != null ? notBefore : sentAt.minus(clockSkew),
                        failure,
                        "The plugin was interrupted before it could look for the run.");
            }
            boolean accepted = acceptedButUnreadable(failure);
            boolean ambiguous = accepted || isAmbiguous(failure);
            if (ambiguous && notBefore == null) {
                notBefore = sentAt.minus(clockSkew);
            }
            if (notBefore != null) {
                Optional<TestRun> ours = findRun(testId, request, notBefore, runs, failure);
                if (ours.isPresent()) {
                    LOG.fine(() -> request + ": no usable answer; adopting run "
                            + ours.get().id() + " created at " + ours.get().created());
                    return ours.get();
                }
            }
            if (accepted || (ambiguous && !resendIsSafe)) {
                throw unknownOutcome(testId, request, notBefore, failure, NONE_FOUND);
            }
            if (!ambiguous && !failure.isTransient()) {
                throw notBefore == null ? failure : unknownOutcome(testId, request, notBefore, failure, NONE_FOUND);
            }
            try {
                retrier.pauseOrThrow(failure, failures, deadline);
            } catch (K6CloudException last) {
                throw notBefore == null ? last : unknownOutcome(testId, request, notBefore, last, NONE_FOUND);
            }
        }
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

    private Optional<TestRun> findRun(
            long testId, String request, Instant notBefore, RecentRuns runs, K6CloudException failure)
            throws StartOutcomeUnknownException {
        List<TestRun> recent;
        try {
            recent = runs.since(notBefore);
        } catch (K6CloudException listFailure) {
            boolean sameWay =
                    listFailure.getClass() == failure.getClass() && listFailure.httpStatus() == failure.httpStatus();
            throw unknownOutcome(
                    testId,
                    request,
                    notBefore,
                    failure,
                    sameWay
                            ? "Listing the runs of the test to find out failed the same way."
                            : "Listing the runs of the test to find out failed too: " + listFailure.getMessage());
        }
        return recent.stream()
                .filter(r -> r.testId() == null || r.testId() == testId)
                .filter(r -> r.created() != null && !r.created().isBefore(notBefore))
                .max(Comparator.comparingLong(TestRun::id));
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
