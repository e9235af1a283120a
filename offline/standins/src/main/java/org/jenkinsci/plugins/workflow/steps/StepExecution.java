package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/** Stand-in of workflow-step-api's {@code StepExecution}. */
public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;
    private final StepContext context;

    protected StepExecution(StepContext context) {
        this.context = context;
    }

    public StepContext getContext() {
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        context.onFailure(cause);
    }

    public void onResume() {}

    public boolean blocksRestart() {
        return false;
    }

    public String getStatus() {
        return null;
    }
}
