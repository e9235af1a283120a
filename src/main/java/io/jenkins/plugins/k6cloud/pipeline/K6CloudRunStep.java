package io.jenkins.plugins.k6cloud.pipeline;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.k6cloud.support.FormChecks;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code k6CloudRun testId: 1234}: starts a k6 Cloud run and follows it to a verdict without an
 * executor (it works outside {@code node {}}) and across controller restarts. Returns a map with
 * the run's id, link, statuses, verdict and thresholds.
 */
public class K6CloudRunStep extends Step {
    private final long testId;
    private String credentialsId;
    private String pollInterval;
    private String timeout;
    private String thresholdFailure;
    private boolean wait = true;
    private String maxRegression;

    @DataBoundConstructor
    public K6CloudRunStep(long testId) {
        this.testId = testId;
    }

    public long getTestId() {
        return testId;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = RunConfig.blankToNull(credentialsId);
    }

    public String getPollInterval() {
        return pollInterval;
    }

    @DataBoundSetter
    public void setPollInterval(String pollInterval) {
        this.pollInterval = RunConfig.blankToNull(pollInterval);
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = RunConfig.blankToNull(timeout);
    }

    public String getThresholdFailure() {
        return thresholdFailure;
    }

    @DataBoundSetter
    public void setThresholdFailure(String thresholdFailure) {
        this.thresholdFailure = RunConfig.blankToNull(thresholdFailure);
    }

    /** {@code false}: return as soon as the run has started, without waiting for its verdict. */
    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    public String getMaxRegression() {
        return maxRegression;
    }

    /** The regression gate's limit, e.g. {@code '10%'}; empty: no gate. */
    @DataBoundSetter
    public void setMaxRegression(String maxRegression) {
        this.maxRegression = RunConfig.blankToNull(maxRegression);
    }

    RunConfig.Options options() {
        return new RunConfig.Options(credentialsId, pollInterval, timeout, thresholdFailure, wait)
                .withMaxRegression(maxRegression);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new K6CloudRunStepExecution(context, testId, options());
    }

    /** The descriptor: the function name, the required context and the Snippet Generator's checks. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "k6CloudRun";
        }

        @Override
        public String getDisplayName() {
            return Messages.K6CloudRunStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            // FlowNode for the warning of an unstable verdict; none of these needs a node block
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        @POST
        public FormValidation doCheckTestId(
                @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String credentialsId) {
            if (FormChecks.isExpression(value)) {
                return FormValidation.error(Messages.K6CloudRunStep_NoExpressions());
            }
            return FormChecks.checkTestId(item, value, credentialsId);
        }

        @POST
        public FormValidation doCheckPollInterval(@QueryParameter String value) {
            return FormChecks.checkPollInterval(value);
        }

        @POST
        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return FormChecks.checkTimeout(value);
        }

        @POST
        public FormValidation doCheckMaxRegression(@QueryParameter String value) {
            return FormChecks.checkMaxRegression(value);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return FormChecks.fillCredentialsIdItems(item, credentialsId);
        }

        public ListBoxModel doFillThresholdFailureItems() {
            return FormChecks.fillThresholdFailureItems();
        }
    }
}
