package io.jenkins.plugins.k6cloud.pipeline;

import jenkins.model.CauseOfInterruption;

/** Why a {@code k6CloudRun} step ended as aborted: the run was stopped in k6 Cloud (e.g. in the web app). */
final class RunStoppedCause extends CauseOfInterruption {
    private static final long serialVersionUID = 1L;

    private final String message;

    RunStoppedCause(String message) {
        this.message = message;
    }

    @Override
    public String getShortDescription() {
        return message;
    }
}
