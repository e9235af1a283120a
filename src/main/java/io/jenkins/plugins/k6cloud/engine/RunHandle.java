package io.jenkins.plugins.k6cloud.engine;

import java.util.concurrent.CompletableFuture;

/** One run the engine is starting or following. */
public interface RunHandle {
    /**
     * Completes exactly once, with the outcome, never exceptionally, unless the engine is closed first:
     * after {@link RunEngine#close()} it never completes (the run is left going; resume it from its
     * last persisted {@link WatchState}).
     */
    CompletableFuture<RunOutcome> outcome();

    /**
     * The build was aborted. The first call stops the run (at once when its id is known, or the
     * moment the start returns it) and keeps following it, bounded, until k6 Cloud reports it
     * ended; a second call stops waiting at once. The outcome is then {@link Verdict#CANCELLED}. While
     * the run that a start whose answer was lost may have created is looked for, the look goes on
     * after a cancel (after a second one silently, bounded) and a run that appears is stopped.
     */
    void cancel(String reason);

    /** A snapshot of what must be persisted to resume after a restart. */
    WatchState state();

    /** A short lowercase phrase for an administrator, e.g. "run 42 running, next poll in 5 s". */
    String status();
}
