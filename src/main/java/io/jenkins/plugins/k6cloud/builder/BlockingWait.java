package io.jenkins.plugins.k6cloud.builder;

import hudson.model.TaskListener;
import io.jenkins.plugins.k6cloud.engine.DurationFormat;
import io.jenkins.plugins.k6cloud.engine.RunHandle;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How the freestyle build step waits for a run on the executor thread. When the build is aborted
 * (the thread is interrupted) it stops the remote run, also while the start request is still in
 * flight, and waits a bounded time for k6 Cloud to confirm the end; a second abort stops waiting.
 * Every wait also ends when the engine is closed (Jenkins shuts down): then the outcome is what the
 * engine reported by then (a stopped run is {@code CANCELLED}), or none.
 */
final class BlockingWait {
    /** Beyond the engine's own deadlines, which complete the outcome well before this. */
    static final Duration MARGIN = Duration.ofMinutes(2);
    /** After "stop waiting", the engine completes the outcome at once; this only bounds the wait for it. */
    static final Duration AFTER_SECOND_CANCEL = Duration.ofSeconds(10);

    /**
     * @param outcome how the run ended, or {@code null} if the engine did not say in time
     * @param aborted whether the build was aborted while it waited
     * @param engineClosed whether the engine was closed (Jenkins shuts down) before it said how the run ended
     */
    record Waited(RunOutcome outcome, boolean aborted, boolean engineClosed) {}

    private BlockingWait() {}

    /** @param engineClosed completes when the engine that follows {@code handle} is closed */
    static Waited outcome(
            RunHandle handle, RunSettings settings, TaskListener listener, CompletableFuture<?> engineClosed) {
        Duration bound = settings.timeout()
                .plus(settings.processingTimeout())
                .plus(settings.cancelWait())
                .plus(MARGIN);
        try {
            awaitEither(handle, engineClosed, bound);
            return known(handle, false);
        } catch (InterruptedException e) {
            listener.getLogger()
                    .println(Messages.K6CloudBuilder_Aborted(handle.state().testId()));
            handle.cancel("the build was aborted");
            return awaitCancelled(handle, settings, listener, engineClosed, true);
        } catch (TimeoutException e) {
            handle.cancel("the build stopped waiting after " + DurationFormat.format(bound));
            return awaitCancelled(handle, settings, listener, engineClosed, false);
        }
    }

    /** Waits for the cancelled run's outcome; a second interrupt, the bound or the engine's close stops waiting. */
    private static Waited awaitCancelled(
            RunHandle handle,
            RunSettings settings,
            TaskListener listener,
            CompletableFuture<?> engineClosed,
            boolean aborted) {
        Duration bound = settings.cancelWait().plus(MARGIN);
        try {
            awaitEither(handle, engineClosed, bound);
            return known(handle, aborted);
        } catch (InterruptedException | TimeoutException e) {
            handle.cancel("stop waiting");
            listener.getLogger().println(Messages.K6CloudBuilder_StillWaiting(DurationFormat.format(bound)));
            try {
                awaitEither(handle, engineClosed, AFTER_SECOND_CANCEL);
                return known(handle, aborted);
            } catch (InterruptedException | TimeoutException again) {
                return new Waited(null, aborted, engineClosed.isDone());
            } finally {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Returns once the run's outcome is known or the engine is closed, whichever comes first. */
    private static void awaitEither(RunHandle handle, CompletableFuture<?> engineClosed, Duration bound)
            throws InterruptedException, TimeoutException {
        try {
            CompletableFuture.anyOf(handle.outcome(), engineClosed).get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the engine completed a run's outcome exceptionally", e);
        }
    }

    /**
     * The outcome, which is known unless the engine was closed first. The engine's close completes
     * the outcomes it completes at all before {@code engineClosed} does, so there is nothing to wait for.
     */
    private static Waited known(RunHandle handle, boolean aborted) {
        CompletableFuture<RunOutcome> outcome = handle.outcome();
        if (!outcome.isDone()) {
            return new Waited(null, aborted, true);
        }
        try {
            return new Waited(outcome.join(), aborted, false);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the engine completed a run's outcome exceptionally", e);
        }
    }
}
