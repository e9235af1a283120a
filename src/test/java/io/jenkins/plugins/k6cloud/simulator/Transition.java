package io.jenkins.plugins.k6cloud.simulator;

import java.time.Instant;

/** From {@code at} on, a run shows these three status codes. */
public record Transition(Instant at, int runStatus, int processingStatus, int resultStatus) {
    @Override
    public String toString() {
        return at + " run=" + runStatus + " processing=" + processingStatus + " result=" + resultStatus;
    }
}
