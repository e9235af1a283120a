package hudson.model;

/** Stand-in of jenkins-core's {@code hudson.model.JobProperty}. */
public abstract class JobProperty<J extends Job<?, ?>> {}
