package io.jenkins.plugins.k6cloud.engine;

/** Where the engine is in following one run; persisted in {@link WatchState}. {@link RunWatch} sets it. */
public enum WatchPhase {
    /** No run id yet: the start is to be sent (again, after k6 Cloud asked to wait with a 429). */
    STARTING,
    /** The answer to a start was lost (or a restart interrupted it): looking for the run it may have created. */
    LOOKING,
    /** The run has an id and has not ended: polling its status. */
    WATCHING,
    /** The run has ended: waiting for k6 Cloud to finish processing its metrics. */
    PROCESSING,
    /** Our timeout or an error: the stop is to be sent before reporting. */
    STOPPING,
    /** Our stop was accepted: after our timeout, waiting (bounded) for the run to end, then reporting. */
    STOP_SENT,
    /** The build was aborted: the stop is to be sent. */
    CANCELLING,
    /** The build was aborted and the stop accepted: waiting (bounded) for the run to end. */
    CANCEL_STOP_SENT,
    /** The outcome has been reported. */
    DONE;

    /** Whether k6 Cloud accepted a stop of the run. */
    boolean stopSent() {
        return this == STOP_SENT || this == CANCEL_STOP_SENT;
    }
}
