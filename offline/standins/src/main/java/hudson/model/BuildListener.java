package hudson.model;

/** Stand-in of jenkins-core's {@code hudson.model.BuildListener}. */
public interface BuildListener extends TaskListener {}
