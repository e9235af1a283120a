package io.jenkins.plugins.k6cloud.pipeline;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
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
 * {@code k6CloudRun testId: 1234}, or {@code k6CloudRun script: 'load/checkout.js'} inside {@code node {}}: follows
 * the run to a verdict without an executor and across restarts, and returns a map of the outcome.
 */
public class K6CloudRunStep extends Step {
    /** 0: the load test the script is uploaded to. */
    private long testId;

    private String credentialsId;
    private String pollInterval;
    private String timeout;
    private String thresholdFailure;
    private boolean wait = true;
    private String maxRegression;
    private String script;
    private String testName;
    /** 0: the stack's default project. */
    private long projectId;

    private String note;
    private String junitFile;

    @DataBoundConstructor
    public K6CloudRunStep() {}

    public K6CloudRunStep(long testId) {
        this.testId = testId;
    }

    public long getTestId() {
        return testId;
    }

    @DataBoundSetter
    public void setTestId(long testId) {
        this.testId = testId;
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

    @DataBoundSetter
    public void setMaxRegression(String maxRegression) {
        this.maxRegression = RunConfig.blankToNull(maxRegression);
    }

    public String getScript() {
        return script;
    }

    @DataBoundSetter
    public void setScript(String script) {
        this.script = RunConfig.blankToNull(script);
    }

    public String getTestName() {
        return testName;
    }

    @DataBoundSetter
    public void setTestName(String testName) {
        this.testName = RunConfig.blankToNull(testName);
    }

    public long getProjectId() {
        return projectId;
    }

    @DataBoundSetter
    public void setProjectId(long projectId) {
        this.projectId = projectId;
    }

    public String getNote() {
        return note;
    }

    @DataBoundSetter
    public void setNote(String note) {
        this.note = RunConfig.blankToNull(note);
    }

    public String getJunitFile() {
        return junitFile;
    }

    @DataBoundSetter
    public void setJunitFile(String junitFile) {
        this.junitFile = RunConfig.blankToNull(junitFile);
    }

    RunConfig.Options options() {
        return new RunConfig.Options(credentialsId, pollInterval, timeout, thresholdFailure, wait)
                .withMaxRegression(maxRegression)
                .withWorkspaceFiles(script, testName, projectId > 0 ? projectId : null, note, junitFile);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new K6CloudRunStepExecution(context, testId, options());
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements FormChecks {
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
            // no node block needed: FilePath is asked for only with script or junitFile
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        @Override
        @POST
        public FormValidation doCheckTestId(
                @AncestorInPath Item item,
                @QueryParameter String value,
                @QueryParameter String credentialsId,
                @QueryParameter String script) {
            if (FormChecks.isExpression(value)) {
                return FormValidation.error(Messages.K6CloudRunStep_NoExpressions());
            }
            return FormChecks.super.doCheckTestId(item, value, credentialsId, script);
        }
    }
}
