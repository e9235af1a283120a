package io.jenkins.plugins.k6cloud.pipeline;

import static io.jenkins.plugins.k6cloud.JenkinsTestSupport.TOKEN_ID;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.k6cloud.JenkinsTestSupport;
import io.jenkins.plugins.k6cloud.SimulatedCloudRule;
import io.jenkins.plugins.k6cloud.config.K6CloudGlobalConfiguration;
import io.jenkins.plugins.k6cloud.simulator.Outcome;
import io.jenkins.plugins.k6cloud.support.K6CloudEngine;
import java.util.concurrent.atomic.AtomicLong;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;

/** A {@code k6CloudRun} step follows the same run again after Jenkins restarts, and reports its verdict. */
public class K6CloudRunStepRestartJenkinsTest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    /** k6 Cloud outlives the Jenkins restarts. */
    @ClassRule
    public static SimulatedCloudRule cloud = new SimulatedCloudRule();

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Test
    public void resumesTheSameRunAfterARestart() throws Throwable {
        long testId = cloud.addHeldLoadTest(Outcome.THRESHOLDS_FAIL);
        AtomicLong runId = new AtomicLong();
        sessions.then(j -> {
            loadTestJob(j, testId, ", thresholdFailure: 'UNSTABLE'")
                    .scheduleBuild2(0)
                    .waitForStart();
            // the step has seen the run Running, so it saved the run id with the Pipeline before this poll
            runId.set(cloud.awaitRunning(testId));
        });
        sessions.then(j -> {
            WorkflowRun b = ((WorkflowJob) j.jenkins.getItem("load-test")).getBuildByNumber(1);
            assertTrue("the build survives the restart", b.isBuilding());
            j.waitForMessage("Following k6 Cloud run " + runId.get() + " again after a restart", b);

            cloud.endRuns();

            j.assertBuildStatus(Result.UNSTABLE, j.waitForCompletion(b));
            j.assertLogContains("verdict=THRESHOLDS_FAILED runId=" + runId.get(), b);
            assertThat(
                    "the run was started once, then only followed",
                    cloud.journal().startsFor(testId),
                    hasSize(1));
            assertThat(cloud.journal().stopsFor(runId.get()), empty());
            assertThat(cloud.journal().runsLeftRunning(), empty());
        });
    }

    @Test
    public void resumesWithTheApiItStartedWithWhenTheGlobalConfigurationChanged() throws Throwable {
        long testId = cloud.addHeldLoadTest(Outcome.PASSES);
        AtomicLong runId = new AtomicLong();
        sessions.then(j -> {
            WorkflowJob p = loadTestJob(j, testId, "");
            p.scheduleBuild2(0).waitForStart();
            runId.set(cloud.awaitRunning(testId));
            // an administrator points Jenkins elsewhere while the run goes on
            K6CloudGlobalConfiguration.get().setApiUrl("https://k6-api.invalid");
        });
        sessions.then(j -> {
            WorkflowRun b = ((WorkflowJob) j.jenkins.getItem("load-test")).getBuildByNumber(1);
            j.waitForMessage("Following k6 Cloud run " + runId.get() + " again after a restart", b);

            cloud.endRuns();

            j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(b));
            j.assertLogContains("verdict=PASSED runId=" + runId.get(), b);
            assertThat(cloud.journal().startsFor(testId), hasSize(1));
            assertThat(cloud.journal().runsLeftRunning(), empty());
        });
    }

    /**
     * Jenkins shuts down while the step prepares: the step stays pending instead of failing, and
     * after the restart it starts its run once. {@code K6CloudEngine.shutdown()} is what the plugin's
     * {@code ItemListener.onBeforeShutdown} does, before workflow-cps suspends the Pipelines.
     */
    @Test
    public void aStepPreparingWhenJenkinsShutsDownStartsItsRunOnceAfterTheRestart() throws Throwable {
        long testId = cloud.addLoadTest(Outcome.PASSES);
        sessions.then(j -> {
            WorkflowJob p = loadTestJob(j, testId, "");
            K6CloudEngine.shutdown(); // Jenkins begins to shut down
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("goes on after the restart", b);
            assertTrue("the step stays pending", b.isBuilding());
            assertThat(cloud.journal().startsFor(testId), empty());
        });
        sessions.then(j -> {
            WorkflowRun b = ((WorkflowJob) j.jenkins.getItem("load-test")).getBuildByNumber(1);
            long runId = cloud.finishRunOf(testId);

            j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(b));
            j.assertLogContains("verdict=PASSED runId=" + runId, b);
            j.assertLogNotContains("not started", b);
            assertThat(cloud.journal().startsFor(testId), hasSize(1));
            assertThat(cloud.journal().runsLeftRunning(), empty());
        });
    }

    /** The Pipeline job "load-test" that runs {@code testId} against the simulator and echoes the verdict. */
    private static WorkflowJob loadTestJob(JenkinsRule j, long testId, String options) throws Exception {
        JenkinsTestSupport.useSimulatorWithGlobalToken(cloud);
        WorkflowJob p = j.createProject(WorkflowJob.class, "load-test");
        p.setDefinition(new CpsFlowDefinition(
                "def run = k6CloudRun(testId: " + testId + ", credentialsId: '" + TOKEN_ID + "'" + options + ")\n"
                        + "echo \"verdict=${run.verdict} runId=${run.runId}\"\n",
                true));
        return p;
    }
}
