package io.jenkins.plugins.k6cloud.engine;

/** What the engine tells the caller, one call at a time, never after the outcome, on engine threads: never block. */
public interface RunEvents {
    default void onLine(String line) {}

    /** The run id is known: persist this state before anything else happens. */
    default void onStarted(WatchState state) {}

    default void onStateChanged(WatchState state) {}
}
