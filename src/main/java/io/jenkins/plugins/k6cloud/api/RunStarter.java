package io.jenkins.plugins.k6cloud.api;

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
 * Starts a run without ever starting two for one call. A start is only sent again when it surely
 * created nothing: it was refused before being sent (connection refused, unknown host), it was
 * rate limited (429), or its outcome was ambiguous and the runs of the test show no run created
 * since just before the first ambiguous attempt, in which case that run is adopted instead.
 *
 * <p>Ambiguous means: a transport failure once the request may have been sent (timeouts, resets,
 * lost answers) or any 5xx. 502/503/504 usually come from a proxy that may have passed the request
 * on; a 500 may come after k6 Cloud created the run, so it is treated alike. Runs are matched by
 * their {@code created} time, which is k6 Cloud's clock: a run created up to
 * {@link ClientOptions#startClockSkew()} before we sent the request still counts, to allow for our
 * clock being ahead. Among several, the newest (highest id) is taken. A clear 4xx (401, 403, 404,
 * 400 for a subscription limit, ...) is thrown at once.
 */
final class RunStarter {
    private static final Logger LOG = Logger.getLogger(RunStarter.class.getName());

    /** Lists the recent runs of the test being started (with at least id, test_id and created). */
    @FunctionalInterface
    interface RecentRuns {
        List<TestRun> list() throws K6CloudException;
    }

    private final Retrier retrier;
    private final Clock clock;
    private final Duration clockSkew;

    RunStarter(Retrier retrier, Clock clock, Duration clockSkew) {
        this.retrier = retrier;
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    TestRun start(long testId, String request, Retrier.Attempt<TestRun> start, RecentRuns runs)
            throws K6CloudException {
        long deadline = retrier.deadline();
        Instant firstAmbiguous = null;
        for (int failures = 1; ; failures++) {
            Instant sentAt = clock.instant();
            K6CloudException failure;
            try {
                return start.run();
            } catch (K6CloudException e) {
                failure = e;
            }
            boolean ambiguous = isAmbiguous(failure);
            if (ambiguous && firstAmbiguous == null) {
                firstAmbiguous = sentAt.minus(clockSkew);
            }
            if (firstAmbiguous != null) {
                Optional<TestRun> ours = findRun(testId, request, firstAmbiguous, runs, failure);
                if (ours.isPresent()) {
                    LOG.fine(() -> request + ": the answer was lost; adopting run " + ours.get().id()
                            + " created at " + ours.get().created());
                    return ours.get();
                }
            }
            if (!ambiguous && !failure.isTransient()) {
                throw firstAmbiguous == null ? failure : unknownOutcome(testId, request, firstAmbiguous, failure, null);
            }
            try {
                retrier.pauseOrThrow(failure, failures, deadline);
            } catch (K6CloudException last) {
                throw firstAmbiguous == null ? last : unknownOutcome(testId, request, firstAmbiguous, last, null);
            }
        }
    }

    /** Whether the request may have reached k6 Cloud and created a run although we have no answer saying so. */
    static boolean isAmbiguous(K6CloudException e) {
        if (e instanceof ServerException) {
            return true;
        }
        if (e instanceof TransportException) {
            Throwable c = e.getCause();
            return !(c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof NoRouteToHostException);
        }
        return false;
    }

    private Optional<TestRun> findRun(
            long testId, String request, Instant notBefore, RecentRuns runs, K6CloudException failure)
            throws StartOutcomeUnknownException {
        List<TestRun> recent;
        try {
            recent = runs.list();
        } catch (K6CloudException listFailure) {
            throw unknownOutcome(testId, request, notBefore, failure, listFailure);
        }
        return recent.stream()
                .filter(r -> r.testId() == null || r.testId() == testId)
                .filter(r -> r.created() != null && !r.created().isBefore(notBefore))
                .max(Comparator.comparingLong(TestRun::id));
    }

    private static StartOutcomeUnknownException unknownOutcome(
            long testId, String request, Instant notBefore, K6CloudException failure, K6CloudException listFailure) {
        String check = listFailure == null
                ? "No run of the test created since then could be found, but k6 Cloud may still create one."
                : "Listing the runs of the test to find out failed too: " + listFailure.getMessage();
        return new StartOutcomeUnknownException("Starting load test " + testId + " (" + request
                + ") may or may not have created a run: " + failure.getMessage() + " " + check
                + " Look in k6 Cloud for a run of load test " + testId + " created after " + notBefore
                + " and stop it if it is not wanted; the plugin did not start another one.",
                request, testId, notBefore, failure);
    }
}
