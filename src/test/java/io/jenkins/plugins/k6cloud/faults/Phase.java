package io.jenkins.plugins.k6cloud.faults;

import io.jenkins.plugins.k6cloud.engine.RunWatch;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;

/**
 * Where in a run a fault is injected: on the start request, on the reads while the run is queued, running or processing
 * its metrics, or on the stop request of an aborted build.
 */
enum Phase {
    START(Endpoint.START),
    QUEUED(Endpoint.READ),
    RUNNING(Endpoint.READ),
    PROCESSING(Endpoint.READ),
    STOP(Endpoint.STOP);

    private final Endpoint endpoint;

    Phase(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** The endpoint whose requests suffer the fault. */
    Endpoint endpoint() {
        return endpoint;
    }

    /** Steps the engine until the run is in this phase (nothing to do for START, which comes first). */
    void reach(Rig rig, RunWatch handle) {
        switch (this) {
            case QUEUED -> rig.runUntilStatus(handle, 0);
            case RUNNING, STOP -> rig.runUntilStatus(handle, 2);
            case PROCESSING -> rig.runUntilProcessing(handle);
            default -> {}
        }
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
