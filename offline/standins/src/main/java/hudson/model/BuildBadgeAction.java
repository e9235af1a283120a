package hudson.model;

/** Stand-in of jenkins-core's {@code hudson.model.BuildBadgeAction}. */
public interface BuildBadgeAction extends Action {}
