package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

/** Stand-in of workflow-api's {@code PersistentAction}: an action saved with a flow node. */
public interface PersistentAction extends Action {}
