package io.jenkins.plugins.k6cloud;

import hudson.model.TaskListener;
import io.jenkins.plugins.k6cloud.engine.DurationFormat;
import io.jenkins.plugins.k6cloud.engine.RunHandle;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How the freestyle build step waits for a run on the executor thread. When the build is aborted
 * (the thread is interrupted) it stops the remote run, also while the start request is still in
 * flight, and waits a bounded time for k6 Cloud to confirm the end; a second abort stops waiting.
 */
final class BlockingWait {
    /** Beyond the engine's own deadlines, which complete the outcome well before this. */
    static final Duration MARGIN = Duration.ofMinutes(2);
    /** After "stop waiting", the engine completes the outcome at once; this only bounds the wait for it. */
    static final Duration AFTER_SECOND_CANCEL = Duration.ofSeconds(10);

    /**
     * @param outcome how the run ended, or {@code null} if the engine did not say in time
     * @param aborted whether the build was aborted while it waited
     */
    record Waited(RunOutcome outcome, boolean aborted) {}

    private BlockingWait() {}

    static Waited outcome(RunHandle handle, RunSettings settings, TaskListener listener) {
        Duration bound = settings.timeout()
                .plus(settings.processingTimeout())
                .plus(settings.cancelWait())
                .plus(MARGIN);
        try {
            return new Waited(handle.outcome().get(bound.toMillis(), TimeUnit.MILLISECONDS), false);
        } catch (InterruptedException e) {
            listener.getLogger()
                    .println(Messages.K6CloudBuilder_Aborted(handle.state().testId()));
            handle.cancel("the build was aborted");
            return new Waited(awaitCancelled(handle, settings, listener), true);
        } catch (TimeoutException e) {
            handle.cancel("the build stopped waiting after " + DurationFormat.format(bound));
            return new Waited(awaitCancelled(handle, settings, listener), false);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the engine completed a run's outcome exceptionally", e);
        }
    }

    /** Waits for the cancelled run's outcome; a second interrupt or the bound stops waiting. */
    private static RunOutcome awaitCancelled(RunHandle handle, RunSettings settings, TaskListener listener) {
        Duration bound = settings.cancelWait().plus(MARGIN);
        try {
            return handle.outcome().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | TimeoutException e) {
            handle.cancel("stop waiting");
            listener.getLogger().println(Messages.K6CloudBuilder_StillWaiting(DurationFormat.format(bound)));
            try {
                return handle.outcome().get(AFTER_SECOND_CANCEL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException | TimeoutException | ExecutionException again) {
                return null;
            } finally {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the engine completed a run's outcome exceptionally", e);
        }
    }
}
