package hudson.model;

import hudson.EnvVars;

/** Stand-in of jenkins-core's {@code hudson.model.EnvironmentContributingAction}. */
public interface EnvironmentContributingAction extends Action {
    default void buildEnvironment(Run<?, ?> run, EnvVars env) {}
}
