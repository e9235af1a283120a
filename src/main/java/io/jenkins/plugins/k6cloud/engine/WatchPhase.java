package io.jenkins.plugins.k6cloud.engine;

/** Where a run is; only {@link RunWatch} sets it (see {@code RunWatch.advance}); persisted in {@link WatchState}. */
public enum WatchPhase {
    STARTING, // no run id yet: the start is to be sent (again, after a 429)
    LOOKING, // the start's answer was lost (or a restart cut it): looking for the run it may have created
    WATCHING, // polling a run that has not ended
    PROCESSING, // the run ended: waiting for k6 Cloud to process its metrics
    STOPPING, // our timeout or an error: the stop is to be sent before reporting
    STOP_SENT, // our stop was accepted: after our timeout, waiting (bounded) for the run to end
    CANCELLING, // the build was aborted: the stop is to be sent
    CANCEL_STOP_SENT, // the build was aborted and the stop accepted: waiting (bounded) for the run to end
    DONE; // the outcome was reported

    boolean stopSent() {
        return this == STOP_SENT || this == CANCEL_STOP_SENT;
    }
}
