package io.jenkins.plugins.k6cloud.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting for a run's outcome on the caller's thread, for callers that cannot resume a run (a
 * freestyle build's executor, the command line). Every wait is bounded: first by the run's own
 * deadlines plus {@link #MARGIN}; when it is interrupted or that bound passes, the caller cancels the
 * run and the outcome is awaited again, bounded by the cancel wait plus the margin; when that wait is
 * interrupted or passes too, the caller cancels again (which stops the engine's waiting) and the
 * outcome is awaited at most {@link #AFTER_SECOND_CANCEL}. Every wait also ends when
 * {@code engineClosed} completes. The first interrupt is reported ({@link Waited#interrupted}),
 * not kept; a later one is kept (the thread's flag is set again on return).
 */
public final class OutcomeWait {
    /** Beyond the engine's own deadlines, which complete the outcome well before this. */
    public static final Duration MARGIN = Duration.ofMinutes(2);
    /** After a second cancel the engine completes the outcome at once; this only bounds the wait for it. */
    public static final Duration AFTER_SECOND_CANCEL = Duration.ofSeconds(10);

    /** How the caller cancels (and says so). */
    public interface Canceller {
        /** The wait was interrupted ({@code interrupted}) or its bound passed: cancel the run. */
        void cancel(boolean interrupted, Duration bound);

        /** The wait after that cancel ended too (interrupted, or after {@code bound}): cancel again, to stop waiting. */
        void stopWaiting(Duration bound);
    }

    /**
     * @param outcome how the run ended, or {@code null} if the engine did not say in time
     * @param interrupted whether the first wait was interrupted (the build was aborted), so that the caller cancelled
     * @param gaveUp whether the first wait's bound passed, so that the caller cancelled
     * @param engineClosed whether the engine was closed before it said how the run ended
     */
    public record Waited(RunOutcome outcome, boolean interrupted, boolean gaveUp, boolean engineClosed) {}

    private OutcomeWait() {}

    /**
     * @param outcome the run's outcome ({@link RunWatch#outcome()})
     * @param engineClosed completes when the engine that follows the run is closed
     */
    public static Waited await(
            CompletableFuture<RunOutcome> outcome,
            RunSettings settings,
            CompletableFuture<?> engineClosed,
            Canceller canceller) {
        Duration bound = settings.timeout()
                .plus(settings.processingTimeout())
                .plus(settings.cancelWait())
                .plus(MARGIN);
        boolean aborted;
        try {
            awaitEither(outcome, engineClosed, bound);
            return known(outcome, false, false);
        } catch (InterruptedException | TimeoutException e) {
            aborted = e instanceof InterruptedException;
            canceller.cancel(aborted, bound);
        }
        Duration afterCancel = settings.cancelWait().plus(MARGIN);
        boolean interruptedAgain = false;
        try {
            try {
                awaitEither(outcome, engineClosed, afterCancel);
            } catch (InterruptedException | TimeoutException e) {
                interruptedAgain = e instanceof InterruptedException;
                canceller.stopWaiting(afterCancel);
                awaitEither(outcome, engineClosed, AFTER_SECOND_CANCEL);
            }
            return known(outcome, aborted, !aborted);
        } catch (InterruptedException | TimeoutException e) {
            interruptedAgain |= e instanceof InterruptedException;
            return new Waited(null, aborted, !aborted, engineClosed.isDone());
        } finally {
            if (interruptedAgain) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Returns once the run's outcome is known or the engine is closed, whichever comes first. */
    private static void awaitEither(
            CompletableFuture<RunOutcome> outcome, CompletableFuture<?> engineClosed, Duration bound)
            throws InterruptedException, TimeoutException {
        try {
            CompletableFuture.anyOf(outcome, engineClosed).get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the engine completed a run's outcome exceptionally", e);
        }
    }

    /**
     * The outcome, which is known unless the engine was closed first. The engine's close completes
     * the outcomes it completes at all before {@code engineClosed} does, so there is nothing to wait for.
     */
    private static Waited known(CompletableFuture<RunOutcome> outcome, boolean interrupted, boolean gaveUp) {
        if (!outcome.isDone()) {
            return new Waited(null, interrupted, gaveUp, true);
        }
        return new Waited(outcome.join(), interrupted, gaveUp, false);
    }
}
