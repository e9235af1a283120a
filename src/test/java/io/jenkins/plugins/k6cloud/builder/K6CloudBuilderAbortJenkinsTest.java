package io.jenkins.plugins.k6cloud.builder;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.k6cloud.JenkinsTestSupport;
import io.jenkins.plugins.k6cloud.action.K6CloudRunAction;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.Outcome;
import io.jenkins.plugins.k6cloud.support.K6CloudEngine;
import java.time.Duration;
import org.junit.Before;
import org.junit.Test;

/** Aborting a freestyle build stops its k6 Cloud run, whether the run is running or its start is still unanswered. */
public class K6CloudBuilderAbortJenkinsTest extends JenkinsTestSupport {
    @Before
    public void useSimulatedCloud() throws Exception {
        JenkinsTestSupport.useSimulatorWithGlobalToken(cloud);
    }

    @Test
    public void abortWhileRunningStopsTheRun() throws Exception {
        long testId = cloud.addHeldLoadTest(Outcome.PASSES);
        FreeStyleBuild b = project(testId).scheduleBuild2(0).waitForStart();
        long runId = cloud.awaitRunning(testId);

        b.getExecutor().interrupt();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        assertStoppedByUs(runId);
        j.assertLogContains("Asked k6 Cloud to stop run " + runId, b);
        assertThat(b.getActions(K6CloudRunAction.class), hasSize(1));
        assertThat(cloud.journal().startsFor(testId), hasSize(1));
    }

    @Test
    public void abortWhileTheStartIsUnansweredStopsTheRunItCreated() throws Exception {
        long testId = cloud.addHeldLoadTest(Outcome.PASSES);
        // k6 Cloud creates the run but the answer is lost; looking for the run then takes a while
        cloud.sim()
                .faults()
                .inject(Endpoint.START, Fault.startThenDrop())
                .inject(Endpoint.LIST, Fault.latency(Duration.ofSeconds(2)));
        FreeStyleBuild b = project(testId).scheduleBuild2(0).waitForStart();
        JournalEntry start = cloud.awaitStartRequest(testId);
        assertFalse("the start must be left unanswered", start.answered());

        b.getExecutor().interrupt();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        assertStoppedByUs(start.runId());
        assertThat("a lost start is looked up, never repeated", cloud.journal().startsFor(testId), hasSize(1));
    }

    /**
     * Jenkins shuts down while the build follows its run ({@code K6CloudEngine.shutdown()} is what
     * the plugin's {@code ItemListener.onBeforeShutdown} does): the run is stopped, and the build
     * ends ABORTED, not FAILURE, which core's {@code Run.execute} would make of an {@code AbortException}.
     */
    @Test
    public void jenkinsShuttingDownStopsTheRunAndAbortsTheBuild() throws Exception {
        long testId = cloud.addHeldLoadTest(Outcome.PASSES);
        FreeStyleBuild b = project(testId).scheduleBuild2(0).waitForStart();
        long runId = cloud.awaitRunning(testId);
        try {
            K6CloudEngine.shutdown();

            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        } finally {
            K6CloudEngine.open();
        }
        assertStoppedByUs(runId);
        j.assertLogContains("Jenkins shut down", b);
        j.assertLogContains("Build was aborted", b);
        j.assertLogNotContains("marked build as failure", b);
    }

    @Test
    public void aBuildStartingWhileJenkinsShutsDownIsAbortedAndStartsNothing() throws Exception {
        long testId = cloud.addLoadTest(Outcome.PASSES);
        FreeStyleBuild b;
        try {
            K6CloudEngine.shutdown();

            b = j.assertBuildStatus(Result.ABORTED, project(testId).scheduleBuild2(0));
        } finally {
            K6CloudEngine.open();
        }
        j.assertLogContains("Jenkins is shutting down", b);
        assertThat(cloud.journal().startsFor(testId), empty());
    }

    private FreeStyleProject project(long testId) throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        p.getBuildersList().add(K6CloudBuilderJenkinsTest.builder(Long.toString(testId), null));
        return p;
    }

    private void assertStoppedByUs(long runId) {
        assertThat(cloud.journal().stopsFor(runId), not(empty()));
        assertTrue(cloud.journal().run(runId).stoppedByUs());
        assertThat(cloud.journal().runsLeftRunning(), empty());
    }
}
