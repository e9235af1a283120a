package io.jenkins.plugins.k6cloud.pipeline;

import static io.jenkins.plugins.k6cloud.JenkinsTestSupport.TOKEN_ID;
import static io.jenkins.plugins.k6cloud.SimulatedCloudRule.TOKEN;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.model.User;
import hudson.model.queue.QueueTaskFuture;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.k6cloud.JenkinsTestSupport;
import io.jenkins.plugins.k6cloud.SimulatedCloudRule;
import io.jenkins.plugins.k6cloud.action.K6CloudRunAction;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.Outcome;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import java.util.List;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.Before;
import org.junit.Test;

/** The {@code k6CloudRun} step in sandboxed Pipelines against the simulated k6 Cloud. */
public class K6CloudRunStepJenkinsTest extends JenkinsTestSupport {
    /** Prints what the step returns; not reached when the step fails. */
    private static final String ECHO_RESULT =
            "echo \"verdict=${run.verdict} result=${run.result} runId=${run.runId}\"\n";

    @Before
    public void useSimulatedCloud() throws Exception {
        JenkinsTestSupport.useSimulatorWithGlobalToken(cloud);
    }

    @Test
    public void snippetGeneratorRoundTripKeepsEveryFieldAndTheDefaults() throws Exception {
        K6CloudRunStep step = new K6CloudRunStep(1234);
        step.setCredentialsId(TOKEN_ID);
        step.setPollInterval("10s");
        step.setTimeout("45m");
        step.setThresholdFailure("UNSTABLE");
        step.setWait(false);
        step.setMaxRegression("10%");
        StepConfigTester tester = new StepConfigTester(j);
        j.assertEqualDataBoundBeans(step, tester.configRoundTrip(step));
        K6CloudRunStep defaults = tester.configRoundTrip(new K6CloudRunStep(1234));
        j.assertEqualDataBoundBeans(new K6CloudRunStep(1234), defaults);
        assertTrue(defaults.isWait());

        K6CloudRunStep asCode = new K6CloudRunStep();
        asCode.setScript("load/checkout.js");
        asCode.setTestName("Checkout");
        asCode.setProjectId(42);
        asCode.setNote("nightly");
        asCode.setJunitFile("reports/k6.xml");
        K6CloudRunStep after = tester.configRoundTrip(asCode);
        j.assertEqualDataBoundBeans(asCode, after);
        assertEquals(0, after.getTestId());
    }

    /** Tests as code: a script written in the workspace inside node {} is uploaded, run and judged. */
    @Test
    public void aScriptInTheWorkspaceIsUploadedToTheSimulatorAndGetsTheVerdict() throws Exception {
        JenkinsTestSupport.useV6(cloud);
        WorkflowJob p = pipeline("node {\n"
                + "  writeFile file: 'load/checkout.js', text: 'export default function () {}\\n'\n"
                + "  def run = k6CloudRun script: 'load/checkout.js', credentialsId: '" + TOKEN_ID + "',"
                + " junitFile: 'reports/k6.xml'\n"
                + "  echo \"verdict=${run.verdict} testName=${run.testName} projectId=${run.projectId}\"\n"
                + "  echo \"junit=${readFile('reports/k6.xml').contains('<testsuite ')}\"\n"
                + "}\n");
        QueueTaskFuture<WorkflowRun> build = p.scheduleBuild2(0);
        long runId = cloud.finishFirstRun();
        WorkflowRun b = j.assertBuildStatus(Result.SUCCESS, build);

        j.assertLogContains("verdict=PASSED testName=checkout projectId=3001", b);
        j.assertLogContains("junit=true", b);
        assertThat(cloud.journal().uploads(), hasSize(1));
        assertEquals("checkout.js", cloud.journal().uploads().get(0).fileName());
        cloud.journal().awaitRequest(Endpoint.NOTE, SimulatedCloudRule.TIMEOUT);
        assertThat(cloud.journal().noteOf(runId), containsString(p.getFullName() + " #1"));
        K6CloudRunAction action = b.getActions(K6CloudRunAction.class).get(0);
        assertEquals("checkout", action.getTestName());
        assertThat(JenkinsTestSupport.buildPage(j, b), containsString("Uploaded k6 script to load test"));
        assertThat(cloud.journal().runsLeftRunning(), empty());
    }

    @Test
    public void aScriptOutsideNodeFailsClearlyBeforeAnythingIsSent() throws Exception {
        JenkinsTestSupport.useV6(cloud);
        WorkflowRun b = j.assertBuildStatus(
                Result.FAILURE,
                pipeline("k6CloudRun script: 'load/checkout.js', credentialsId: '" + TOKEN_ID + "'\n")
                        .scheduleBuild2(0));

        j.assertLogContains("script needs a workspace", b);
        j.assertLogContains("put k6CloudRun inside node { }", b);
        assertEquals(0, cloud.journal().totalRequests());
    }

    @Test
    public void aPassingRunOutsideNodeWithoutExecutorsReturnsItsVerdictAndMetricsAndTheBuildPageShowsThem()
            throws Exception {
        j.jenkins.setNumExecutors(0);
        long testId = cloud.addLoadTest(Outcome.PASSES);
        WorkflowRun b = run(
                testId,
                "",
                Result.SUCCESS,
                "echo \"p95=${run.metrics.p95Ms} requests=${run.metrics.requests}"
                        + " compared=${run.metrics.comparedWith}\"\n");
        j.assertLogContains("verdict=PASSED result=SUCCESS runId=" + onlyRunOf(testId), b);
        j.assertLogContains("p95=312.4 requests=6000 compared=null", b);
        j.assertLogContains("k6 Cloud metrics:", b);
        String page = JenkinsTestSupport.buildPage(j, b);
        assertThat(page, containsString("response time p95"));
        assertThat(page, containsString("312 ms"));
    }

    @Test
    public void aFailedMetricsReadLeavesTheVerdictAndSaysWhyInTheValue() throws Exception {
        long testId = cloud.addLoadTest(Outcome.PASSES);
        cloud.sim().faults().inject(Endpoint.METRICS, 5, Fault.malformedJson());
        WorkflowRun b = run(testId, "", Result.SUCCESS, "echo \"unavailable=${run.metrics.unavailable != null}\"\n");
        j.assertLogContains("verdict=PASSED result=SUCCESS", b);
        j.assertLogContains("metrics not available: ", b);
        j.assertLogContains("unavailable=true", b);
    }

    @Test
    public void aRegressionAgainstTheLastPassedBuildSetsTheResultThresholdFailureNames() throws Exception {
        long testId = cloud.addLoadTest(Outcome.PASSES);
        WorkflowJob p = pipeline(script(testId, ", thresholdFailure: 'UNSTABLE', maxRegression: '10%'"));
        QueueTaskFuture<WorkflowRun> first = p.scheduleBuild2(0);
        cloud.finishRunOf(testId, 1);
        WorkflowRun b1 = j.assertBuildStatus(Result.SUCCESS, first);
        j.assertLogContains("Regression gate: no earlier passed build of this load test to compare with", b1);

        cloud.sim().setScenario(testId, Scenarios.passesSlower()); // p95 312.4 ms -> 401 ms, thresholds met
        QueueTaskFuture<WorkflowRun> second = p.scheduleBuild2(0);
        cloud.finishRunOf(testId, 2);
        WorkflowRun b2 = j.assertBuildStatus(Result.UNSTABLE, second);

        j.assertLogContains("verdict=REGRESSED result=UNSTABLE", b2);
        j.assertLogContains("Regression gate: worse than build #1 beyond 10 %:", b2);
        j.assertLogContains("  p95 312 ms -> 401 ms (+28.4 %, limit 10 %)", b2);
        assertEquals("REGRESSED", b2.getActions(K6CloudRunAction.class).get(0).getVerdict());
        assertEquals("REGRESSED", b2.getEnvironment(j.createTaskListener()).get(K6CloudRunAction.RESULT_VARIABLE));
        assertThat(JenkinsTestSupport.buildPage(j, b2), containsString("REGRESSED"));
        assertThat(cloud.journal().runsLeftRunning(), empty());
    }

    @Test
    public void unstableThresholdsLetThePipelineContinue() throws Exception {
        long testId = cloud.addLoadTest(Outcome.THRESHOLDS_FAIL);
        WorkflowRun b = run(testId, ", thresholdFailure: 'UNSTABLE'", Result.UNSTABLE, "echo 'after the load test'\n");
        j.assertLogContains("verdict=THRESHOLDS_FAILED result=UNSTABLE", b);
        j.assertLogContains("after the load test", b);
        j.assertLogContains("WARNING: ", b);
    }

    /**
     * A run a person stopped in the k6 web app ends the step with a {@code FlowInterruptedException}
     * that is no interruption of the build (ABORTED, {@code actualInterruption == false}). The real
     * {@code CatchErrorStep.Execution.Callback.onFailure} (workflow-basic-steps) catches it whatever
     * {@code catchInterruptions} says (only actual interruptions can be rethrown), lets the Pipeline
     * go on, and sets the build's and the stage's result to the exception's result, ABORTED: its
     * {@code buildResult} and {@code stageResult} apply to other errors only.
     */
    @Test
    public void runStoppedInTheWebAppAbortsTheBuildButCatchErrorLetsThePipelineGoOn() throws Exception {
        long testId = cloud.addLoadTest(Outcome.STOPPED_IN_WEB_APP);
        String script = "catchError(buildResult: 'UNSTABLE', stageResult: 'UNSTABLE') {\n"
                + "  " + script(testId, "")
                + "}\n"
                + "echo 'after the load test'\n";
        QueueTaskFuture<WorkflowRun> build = pipeline(script).scheduleBuild2(0);
        cloud.finishRunOf(testId);
        WorkflowRun b = j.assertBuildStatus(Result.ABORTED, build);
        j.assertLogContains("was stopped in the k6 web app", b);
        j.assertLogContains("after the load test", b);
        j.assertLogNotContains("\tat ", b);
    }

    /** The README's way to mark the build unstable instead: a typed catch and the {@code unstable} step. */
    @Test
    public void runStoppedInTheWebAppCanMarkTheBuildUnstableWithTryCatch() throws Exception {
        long testId = cloud.addLoadTest(Outcome.STOPPED_IN_WEB_APP);
        String script = "try {\n"
                + "  k6CloudRun testId: " + testId + ", credentialsId: '" + TOKEN_ID + "'\n"
                + "} catch (org.jenkinsci.plugins.workflow.steps.FlowInterruptedException e) {\n"
                + "  unstable 'The k6 Cloud run was stopped'\n"
                + "}\n"
                + "echo 'after the load test'\n";
        QueueTaskFuture<WorkflowRun> build = pipeline(script).scheduleBuild2(0);
        cloud.finishRunOf(testId);
        WorkflowRun b = j.assertBuildStatus(Result.UNSTABLE, build);
        j.assertLogContains("The k6 Cloud run was stopped", b);
        j.assertLogContains("after the load test", b);
    }

    /** An outcome, its verdict, the build result it gives and the log's reason. */
    private record Verdict(Outcome outcome, String verdict, Result result, String log) {}

    @Test
    public void otherVerdictsSetTheBuildResultAndTheLogSaysWhyWithoutAStackTrace() throws Exception {
        List<Verdict> rows = List.of(
                new Verdict(
                        Outcome.THRESHOLDS_FAIL,
                        "THRESHOLDS_FAILED",
                        Result.FAILURE,
                        "finished and its thresholds failed"),
                new Verdict(
                        Outcome.ABORTED_BY_THRESHOLD,
                        "THRESHOLDS_FAILED",
                        Result.FAILURE,
                        "was aborted by a threshold"),
                new Verdict(
                        Outcome.ABORTED_BY_SYSTEM,
                        "RUN_FAILED",
                        Result.FAILURE,
                        Outcome.ABORTED_BY_SYSTEM.errorDetail()),
                new Verdict(
                        Outcome.PROCESSING_ERROR, "UNTRUSTED", Result.UNSTABLE, "verdict=UNTRUSTED result=UNSTABLE"));
        for (Verdict row : rows) {
            WorkflowRun b = run(cloud.addLoadTest(row.outcome()), "", row.result());
            j.assertLogContains(row.log(), b);
            assertEquals(
                    row.verdict(), b.getActions(K6CloudRunAction.class).get(0).getVerdict());
            if (row.result() == Result.FAILURE) {
                assertEndedWithoutStackTrace(b);
            }
        }
    }

    @Test
    @SuppressWarnings("try")
    public void abortStopsTheRemoteRunAndSaysWhoAbortedIt() throws Exception {
        long testId = cloud.addHeldLoadTest(Outcome.PASSES);
        WorkflowRun b = pipeline(script(testId, "") + "echo 'not reached'\n")
                .scheduleBuild2(0)
                .waitForStart();
        long runId = cloud.awaitRunning(testId);

        // as the Abort button does: Executor.interrupt() records a UserInterruption ("Aborted by alice").
        // impersonate2() needs a realm that knows alice: JenkinsRule's default, SecurityRealm.NO_AUTHENTICATION, throws
        // UsernameNotFoundException for every name (User.getUserDetailsForImpersonation2, core 2.541.3)
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        try (ACLContext ignored = ACL.as2(User.getById("alice", true).impersonate2())) {
            b.getExecutor().interrupt();
        }

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("Asked k6 Cloud to stop run " + runId + " (Aborted by alice)", b);
        j.assertLogNotContains("FlowInterruptedException", b);
        assertThat(cloud.journal().stopsFor(runId), not(empty()));
        assertTrue(cloud.journal().run(runId).stoppedByUs());
        assertThat(cloud.journal().runsLeftRunning(), empty());
        j.assertLogNotContains("not reached", b);
    }

    @Test
    public void withoutWaitingTheStepReturnsOnceTheRunHasStarted() throws Exception {
        long testId = cloud.addHeldLoadTest(Outcome.PASSES);
        // the simulator's clock is never moved: the run stays Running while the build completes
        WorkflowRun b = j.assertBuildStatus(
                Result.SUCCESS, pipeline(script(testId, ", wait: false")).scheduleBuild2(0));
        long runId = onlyRunOf(testId);
        j.assertLogContains("verdict=STARTED result=SUCCESS runId=" + runId, b);
        assertFalse(cloud.journal().run(runId).isTerminal());
        assertThat(cloud.journal().stopsFor(runId), empty());
    }

    @Test
    public void tokenFromWithCredentialsWhenNoCredentialsAreChosen() throws Exception {
        long testId = cloud.addLoadTest(Outcome.PASSES);
        String script = "withCredentials([string(credentialsId: '" + TOKEN_ID + "', variable: 'K6_CLOUD_TOKEN')]) {\n"
                + "  def run = k6CloudRun testId: " + testId + "\n"
                + "  " + ECHO_RESULT
                + "}\n";
        QueueTaskFuture<WorkflowRun> build = pipeline(script).scheduleBuild2(0);
        cloud.finishRunOf(testId);
        WorkflowRun b = j.assertBuildStatus(Result.SUCCESS, build);
        j.assertLogContains("verdict=PASSED", b);
        assertTrue(cloud.journal().startsFor(testId).get(0).authValid());
        j.assertLogNotContains(TOKEN, b);
    }

    /**
     * A string build parameter needs no {@code as long}: structs' {@code DescribableModel.coerce}
     * turns a String into the number a {@code long} parameter takes ({@code coerceStringToNumber},
     * structs 362.va_b_695ef4fdf9), and refuses one that is not a number before the step starts.
     */
    @Test
    public void testIdFromAStringBuildParameter() throws Exception {
        long testId = cloud.addLoadTest(Outcome.PASSES);
        WorkflowJob p = pipeline(
                "def run = k6CloudRun(testId: params.K6_TEST_ID, credentialsId: '" + TOKEN_ID + "')\n" + ECHO_RESULT);
        p.addProperty(
                new ParametersDefinitionProperty(new StringParameterDefinition("K6_TEST_ID", Long.toString(testId))));
        QueueTaskFuture<WorkflowRun> build = p.scheduleBuild2(0);
        cloud.finishRunOf(testId);
        WorkflowRun b = j.assertBuildStatus(Result.SUCCESS, build);
        j.assertLogContains("verdict=PASSED result=SUCCESS runId=" + onlyRunOf(testId), b);

        WorkflowJob bad = pipeline("k6CloudRun(testId: params.K6_TEST_ID, credentialsId: '" + TOKEN_ID + "')\n");
        bad.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("K6_TEST_ID", "12a")));
        WorkflowRun refused = j.assertBuildStatus(Result.FAILURE, bad.scheduleBuild2(0));
        j.assertLogContains("12a", refused);
        assertThat(cloud.journal().startsFor(testId), hasSize(1));
    }

    @Test
    public void severalRunsInOneBuildEachGetTheirOwnAction() throws Exception {
        long first = cloud.addLoadTest(Outcome.PASSES);
        long second = cloud.addLoadTest(Outcome.PASSES);
        String script = "def a = k6CloudRun testId: " + first + ", credentialsId: '" + TOKEN_ID + "'\n"
                + "def b = k6CloudRun testId: " + second + ", credentialsId: '" + TOKEN_ID + "'\n"
                + "echo \"runs=${a.runId},${b.runId} last=${env.K6_CLOUD_RUN_ID}\"\n";
        QueueTaskFuture<WorkflowRun> build = pipeline(script).scheduleBuild2(0);
        long firstRun = cloud.finishRunOf(first);
        long secondRun = cloud.finishRunOf(second);
        WorkflowRun b = j.assertBuildStatus(Result.SUCCESS, build);

        List<Long> recorded = b.getActions(K6CloudRunAction.class).stream()
                .map(K6CloudRunAction::getRunId)
                .collect(Collectors.toList());
        assertThat(recorded, contains(firstRun, secondRun));
        j.assertLogContains("runs=" + firstRun + "," + secondRun + " last=" + secondRun, b);
    }

    private WorkflowRun run(long testId, String options, Result expected, String... after) throws Exception {
        QueueTaskFuture<WorkflowRun> build =
                pipeline(script(testId, options) + String.join("", after)).scheduleBuild2(0);
        cloud.finishRunOf(testId);
        WorkflowRun b = j.assertBuildStatus(expected, build);
        assertThat(cloud.journal().startsFor(testId), hasSize(1));
        assertThat(cloud.journal().runsLeftRunning(), empty());
        return b;
    }

    private static String script(long testId, String options) {
        return "def run = k6CloudRun(testId: " + testId + ", credentialsId: '" + TOKEN_ID + "'" + options + ")\n"
                + ECHO_RESULT;
    }

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    private long onlyRunOf(long testId) {
        assertThat(cloud.journal().runsOf(testId), hasSize(1));
        return cloud.journal().runsOf(testId).get(0).id();
    }

    private void assertEndedWithoutStackTrace(WorkflowRun b) throws Exception {
        j.assertLogNotContains("\tat ", b);
        j.assertLogNotContains("AbortException", b);
        j.assertLogNotContains("verdict=", b);
    }
}
