package io.jenkins.plugins.k6cloud.engine;

/** What {@link RunEngine#cancelUnresumable} does with a run when the engine shuts down. */
public enum OnEngineClose {
    /** Leave the run going: the caller persisted its {@link WatchState} and resumes it after the restart. */
    RESUME,
    /** Cancel it (stop the run): the caller cannot resume it, e.g. a freestyle build. */
    CANCEL
}
