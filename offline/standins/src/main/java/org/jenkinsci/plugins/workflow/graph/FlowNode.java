package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Action;

/**
 * Stand-in of workflow-api's {@code FlowNode}: one node of a Pipeline's graph (a step's node carries
 * its warnings). No constructor a plugin can call: offline code only receives it from a step context.
 */
public abstract class FlowNode {
    private FlowNode() {}

    public void addAction(Action a) {
        throw new UnsupportedOperationException("stand-in");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("stand-in");
    }

    protected abstract String getTypeDisplayName();
}
