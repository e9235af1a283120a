package org.jenkinsci.plugins.workflow.flow;

/** Stand-in of workflow-api's {@code FlowDefinition}: what a Pipeline job runs. */
public abstract class FlowDefinition {}
