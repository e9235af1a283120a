package io.jenkins.plugins.k6cloud;

import static io.jenkins.plugins.k6cloud.SimulatedCloudRule.TOKEN;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.jenkins.plugins.k6cloud.builder.K6CloudBuilder;
import io.jenkins.plugins.k6cloud.config.K6CloudGlobalConfiguration;
import io.jenkins.plugins.k6cloud.simulator.Outcome;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Test;

/**
 * A token pasted with a line break into "Secret text" credentials (the usual way to get one): the build fails with a
 * message that names the credentials, before any request, without a stack trace and without the token; Test connection
 * says the same under the button.
 */
public class BadTokenJenkinsTest extends JenkinsTestSupport {
    /** Two lines, each the token: a leak of any part of it shows as the token in the log. */
    private static final String PASTED = TOKEN + "\n" + TOKEN;

    private static final String PASTED_ID = "k6-cloud-token-pasted";

    @Before
    public void useSimulatedCloud() throws Exception {
        JenkinsTestSupport.useSimulator(cloud);
        JenkinsTestSupport.addGlobalToken(PASTED_ID, PASTED);
    }

    @Test
    public void aFreestyleBuildFailsNamingTheCredentials() throws Exception {
        long testId = cloud.addLoadTest(Outcome.PASSES);
        FreeStyleProject p = j.createFreeStyleProject();
        K6CloudBuilder builder = new K6CloudBuilder(Long.toString(testId));
        builder.setCredentialsId(PASTED_ID);
        p.getBuildersList().add(builder);
        FreeStyleBuild b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        assertRefusedBeforeAnyRequest(b, "\"Secret text\" credentials '" + PASTED_ID + "' contains a line break");
    }

    @Test
    public void aPipelineStepFailsNamingTheCredentials() throws Exception {
        long testId = cloud.addLoadTest(Outcome.PASSES);
        WorkflowRun b = failingPipeline("k6CloudRun testId: " + testId + ", credentialsId: '" + PASTED_ID + "'\n");
        assertRefusedBeforeAnyRequest(b, "\"Secret text\" credentials '" + PASTED_ID + "' contains a line break");
    }

    @Test
    public void aPipelineStepFailsNamingTheVariableItWasBoundTo() throws Exception {
        long testId = cloud.addLoadTest(Outcome.PASSES);
        WorkflowRun b = failingPipeline(
                "withCredentials([string(credentialsId: '" + PASTED_ID + "', variable: 'K6_CLOUD_TOKEN')]) {\n"
                        + "  k6CloudRun testId: " + testId + "\n"
                        + "}\n");
        assertRefusedBeforeAnyRequest(b, "environment variable K6_CLOUD_TOKEN contains a line break");
    }

    @Test
    public void testConnectionSaysSoUnderTheButton() throws Exception {
        FormValidation v =
                K6CloudGlobalConfiguration.get().doTestConnection(cloud.sim().baseUrl(), "", PASTED_ID, "v2");
        assertEquals(FormValidation.Kind.ERROR, v.kind);
        assertThat(v.renderHtml(), containsString(PASTED_ID));
        assertThat(v.renderHtml(), containsString("contains a line break"));
        assertThat(v.renderHtml(), not(containsString(TOKEN)));
        assertEquals(0, cloud.journal().totalRequests());
    }

    private void assertRefusedBeforeAnyRequest(Run<?, ?> b, String message) throws Exception {
        j.assertLogContains(message, b);
        j.assertLogNotContains(TOKEN, b);
        j.assertLogNotContains("\tat ", b);
        j.assertLogNotContains("Exception", b);
        assertEquals("no request was sent", 0, cloud.journal().totalRequests());
    }

    private WorkflowRun failingPipeline(String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
    }
}
