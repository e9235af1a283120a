package io.jenkins.plugins.k6cloud.engine;

/** The build result a verdict asks for; the Jenkins glue maps it to {@code hudson.model.Result}. */
public enum BuildResult {
    SUCCESS,
    UNSTABLE,
    FAILURE,
    ABORTED
}
