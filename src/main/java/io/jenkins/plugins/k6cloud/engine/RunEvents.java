package io.jenkins.plugins.k6cloud.engine;

/**
 * What the engine tells the caller while it follows a run. Called on engine threads (a second
 * {@link RunWatch#cancel} reports on the thread that calls it), one call at a time per run, and
 * not at all once the outcome is complete; implementations must not block.
 */
public interface RunEvents {
    /** A line for the console (status changes, the run link, the summary); no trailing newline. */
    default void onLine(String line) {}

    /** The run id is known; the state now carries it. Persist it before anything else happens. */
    default void onStarted(WatchState state) {}

    /** The state changed in a way worth persisting (statuses, deadlines, cancel requested). */
    default void onStateChanged(WatchState state) {}
}
