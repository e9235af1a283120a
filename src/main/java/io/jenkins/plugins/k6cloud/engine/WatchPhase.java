package io.jenkins.plugins.k6cloud.engine;

/** Where the engine is in following one run; persisted in {@link WatchState}. */
public enum WatchPhase {
    /** The start request is in flight (or, after a restart, was in flight): no run id yet. */
    STARTING,
    /** The run has an id and has not ended: polling its status. */
    WATCHING,
    /** The run has ended: waiting for k6 Cloud to finish processing its metrics. */
    PROCESSING,
    /** Our timeout or an error: stopping the run before reporting. */
    STOPPING,
    /** The build was aborted: stopping the run and waiting, bounded, for it to end. */
    CANCELLING,
    /** The outcome has been reported. */
    DONE
}
