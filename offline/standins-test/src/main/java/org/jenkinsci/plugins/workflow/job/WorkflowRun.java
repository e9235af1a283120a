package org.jenkinsci.plugins.workflow.job;

import hudson.model.Queue;
import hudson.model.Run;

/** Stand-in of workflow-job's {@code WorkflowRun}: a Pipeline build. Only Jenkins creates builds. */
public final class WorkflowRun extends Run<WorkflowJob, WorkflowRun> implements Queue.Executable {
    private WorkflowRun() {
        super(null, 0L);
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("stand-in");
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException("stand-in");
    }
}
