package org.jenkinsci.plugins.workflow.steps;

import org.jvnet.hudson.test.JenkinsRule;

/** Stand-in of workflow-step-api's test {@code StepConfigTester}: a step through the Snippet Generator form and back. */
public final class StepConfigTester {
    public StepConfigTester(JenkinsRule rule) {}

    public <S extends Step> S configRoundTrip(S before) throws Exception {
        throw new UnsupportedOperationException("stand-in: needs the Jenkins test harness");
    }
}
