package io.jenkins.plugins.k6cloud.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A bounded wait for an outcome, for callers that cannot resume a run: the run's deadlines plus {@link #MARGIN};
 * interrupted or past that, cancel and wait the cancel wait plus the margin; then cancel again and wait at most
 * {@link #AFTER_SECOND_CANCEL}. Every wait also ends when {@code engineClosed} completes.
 */
public final class OutcomeWait {
    public static final Duration MARGIN = Duration.ofMinutes(2);
    public static final Duration AFTER_SECOND_CANCEL = Duration.ofSeconds(10);

    public interface Canceller {
        /** The wait was interrupted ({@code interrupted}) or its bound passed: cancel the run. */
        void cancel(boolean interrupted, Duration bound);

        /** The wait after that cancel ended too: cancel again, to stop waiting. */
        void stopWaiting(Duration bound);
    }

    /** {@code outcome} is {@code null} when the engine did not say in time. */
    public record Waited(RunOutcome outcome, boolean interrupted, boolean gaveUp, boolean engineClosed) {}

    private OutcomeWait() {}

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

    private static void awaitEither(
            CompletableFuture<RunOutcome> outcome, CompletableFuture<?> engineClosed, Duration bound)
            throws InterruptedException, TimeoutException {
        try {
            CompletableFuture.anyOf(outcome, engineClosed).get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the engine completed a run's outcome exceptionally", e);
        }
    }

    /** The engine's close completes the outcomes it completes at all before {@code engineClosed}. */
    private static Waited known(CompletableFuture<RunOutcome> outcome, boolean interrupted, boolean gaveUp) {
        RunOutcome o = outcome.getNow(null);
        return new Waited(o, interrupted, gaveUp, o == null);
    }
}
