package io.jenkins.plugins.k6cloud.engine;

/**
 * What the engine tells the caller about a run, one call at a time, never after the outcome; on engine
 * threads (a second {@link RunWatch#cancel} on its caller's), so an implementation must not block.
 */
public interface RunEvents {
    /** A console line, without a trailing newline. */
    default void onLine(String line) {}

    /** The run id is known: persist this state before anything else happens. */
    default void onStarted(WatchState state) {}

    /** A change worth persisting (statuses, deadlines, a cancel). */
    default void onStateChanged(WatchState state) {}
}
