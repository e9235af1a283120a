package io.jenkins.plugins.k6cloud.builder;

import static io.jenkins.plugins.k6cloud.JenkinsTestSupport.TOKEN_ID;
import static io.jenkins.plugins.k6cloud.SimulatedCloudRule.TOKEN;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.EnvVars;
import hudson.model.Fingerprint;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.model.queue.QueueTaskFuture;
import io.jenkins.plugins.k6cloud.JenkinsTestSupport;
import io.jenkins.plugins.k6cloud.SimulatedCloudRule;
import io.jenkins.plugins.k6cloud.action.K6CloudRunAction;
import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import io.jenkins.plugins.k6cloud.config.K6CloudGlobalConfiguration;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.Outcome;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** The freestyle build step in a live Jenkins against the simulated k6 Cloud: its form, one build per verdict, its records. */
public class K6CloudBuilderJenkinsTest extends JenkinsTestSupport {
    @Before
    public void useSimulatedCloud() throws Exception {
        JenkinsTestSupport.useSimulatorWithGlobalToken(cloud);
    }

    @Test
    public void configRoundTripKeepsEveryFieldAndLeavesEmptyOptionsToTheGlobalDefaults() throws Exception {
        K6CloudBuilder before = new K6CloudBuilder("${K6_TEST_ID}");
        before.setCredentialsId(TOKEN_ID);
        before.setPollInterval("10s");
        before.setTimeout("45m");
        before.setThresholdFailure("UNSTABLE");
        before.setMaxRegression("10%");
        j.assertEqualDataBoundBeans(before, j.configRoundtrip(before));

        K6CloudBuilder defaults = j.configRoundtrip(new K6CloudBuilder("1234"));
        j.assertEqualDataBoundBeans(new K6CloudBuilder("1234"), defaults);
        assertNull(defaults.getCredentialsId());
        assertNull(defaults.getPollInterval());
        assertNull(defaults.getTimeout());
        assertNull(defaults.getThresholdFailure());

        K6CloudBuilder asCode = new K6CloudBuilder();
        asCode.setScript("load/${SCRIPT}.js");
        asCode.setTestName("Checkout");
        asCode.setProjectId("${K6_PROJECT}");
        asCode.setNote("nightly");
        asCode.setJunitFile("reports/k6.xml");
        K6CloudBuilder after = j.configRoundtrip(asCode);
        j.assertEqualDataBoundBeans(asCode, after);
        assertEquals("", after.getTestId());
    }

    /** Tests as code: the script in the job's workspace is uploaded, run and judged; the JUnit file is written. */
    @Test
    public void aScriptInTheWorkspaceIsUploadedToTheSimulatorAndGetsTheVerdict() throws Exception {
        JenkinsTestSupport.useV6(cloud);
        java.nio.file.Path workspace = folder.newFolder("workspace").toPath();
        java.nio.file.Files.createDirectories(workspace.resolve("load"));
        java.nio.file.Files.writeString(workspace.resolve("load/checkout.js"), "export default function () {}\n");
        FreeStyleProject p = j.createFreeStyleProject();
        p.setCustomWorkspace(workspace.toString());
        K6CloudBuilder step = new K6CloudBuilder();
        step.setScript("load/checkout.js");
        step.setCredentialsId(TOKEN_ID);
        step.setJunitFile("reports/k6.xml");
        p.getBuildersList().add(step);
        QueueTaskFuture<FreeStyleBuild> build = p.scheduleBuild2(0);
        long runId = cloud.finishFirstRun();
        FreeStyleBuild b = j.assertBuildStatus(Result.SUCCESS, build);

        j.assertLogContains("k6 Cloud verdict: PASSED", b);
        assertThat(cloud.journal().uploads(), hasSize(1));
        assertEquals("checkout", b.getActions(K6CloudRunAction.class).get(0).getTestName());
        cloud.journal().awaitRequest(Endpoint.NOTE, SimulatedCloudRule.TIMEOUT);
        assertThat(cloud.journal().noteOf(runId), containsString("Jenkins job "));
        assertThat(cloud.journal().noteOf(runId), containsString(" #1 (http"));
        java.util.Map<String, Boolean> cases =
                io.jenkins.plugins.k6cloud.results.JUnitReportTest.casesAsTheJUnitPluginReadsThem(
                        java.nio.file.Files.readString(workspace.resolve("reports/k6.xml")));
        assertFalse("the checks of the run, as the JUnit plugin reads them", cases.isEmpty());
        assertFalse("none failed: " + cases, cases.containsValue(true));
    }

    @Rule
    public org.junit.rules.TemporaryFolder folder = new org.junit.rules.TemporaryFolder();

    /** A verdict, the build result it gives ({@code thresholdFailure} for failed thresholds) and the log's reason. */
    private record Verdict(Outcome outcome, String thresholdFailure, Result result, String... log) {}

    @Test
    public void eachVerdictSetsTheBuildResultAndTheLogSaysWhy() throws Exception {
        List<Verdict> rows = List.of(
                new Verdict(Outcome.PASSES, null, Result.SUCCESS, "k6 Cloud verdict: PASSED"),
                new Verdict(
                        Outcome.THRESHOLDS_FAIL,
                        null,
                        Result.FAILURE,
                        "k6 Cloud verdict: THRESHOLDS_FAILED",
                        "finished and its thresholds failed"),
                new Verdict(
                        Outcome.THRESHOLDS_FAIL, "UNSTABLE", Result.UNSTABLE, "k6 Cloud verdict: THRESHOLDS_FAILED"),
                new Verdict(Outcome.ABORTED_BY_THRESHOLD, null, Result.FAILURE, "was aborted by a threshold"),
                new Verdict(Outcome.STOPPED_IN_WEB_APP, null, Result.ABORTED, "was stopped in the k6 web app"),
                new Verdict(
                        Outcome.ABORTED_BY_SYSTEM,
                        null,
                        Result.FAILURE,
                        "error " + Outcome.ABORTED_BY_SYSTEM.errorCode(),
                        Outcome.ABORTED_BY_SYSTEM.errorDetail()),
                new Verdict(Outcome.PROCESSING_ERROR, null, Result.UNSTABLE, "could not process its metrics"));
        for (Verdict row : rows) {
            FreeStyleBuild b = build(row.outcome(), row.thresholdFailure(), row.result());
            for (String line : row.log()) {
                j.assertLogContains(line, b);
            }
        }
    }

    @Test
    public void aRegressionAgainstTheLastPassedBuildFailsTheBuild() throws Exception {
        long testId = cloud.addLoadTest(Outcome.PASSES);
        FreeStyleProject p = gatedProject(testId, "10%");
        QueueTaskFuture<FreeStyleBuild> first = p.scheduleBuild2(0);
        cloud.finishRunOf(testId, 1);
        j.assertBuildStatus(Result.SUCCESS, first);

        cloud.sim().setScenario(testId, Scenarios.passesSlower()); // p95 312.4 ms -> 401 ms, thresholds met
        QueueTaskFuture<FreeStyleBuild> second = p.scheduleBuild2(0);
        cloud.finishRunOf(testId, 2);
        FreeStyleBuild b = j.assertBuildStatus(Result.FAILURE, second);

        j.assertLogContains("k6 Cloud verdict: REGRESSED (build result FAILURE)", b);
        j.assertLogContains("  p95 312 ms -> 401 ms (+28.4 %, limit 10 %)", b);
        assertEquals("REGRESSED", b.getActions(K6CloudRunAction.class).get(0).getVerdict());
        assertThat(cloud.journal().runsLeftRunning(), empty());
    }

    @Test
    public void aMaxRegressionThatIsNotAPercentageFailsBeforeAnyRequest() throws Exception {
        long testId = cloud.addLoadTest(Outcome.PASSES);
        FreeStyleProject p = gatedProject(testId, "ten percent");
        FreeStyleBuild b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains("maxRegression must be a percentage such as '10%'", b);
        assertThat(cloud.journal().startsFor(testId), empty());
    }

    /** The global default credentials, not hidden by an empty token parameter; their use is recorded. */
    @Test
    public void testIdFromABuildParameterAndAnEmptyTokenParameterLeavesTheGlobalDefaultCredentials() throws Exception {
        K6CloudGlobalConfiguration.get().setCredentialsId(TOKEN_ID);
        long testId = cloud.addLoadTest(Outcome.PASSES);
        FreeStyleProject p = j.createFreeStyleProject();
        p.addProperty(new ParametersDefinitionProperty(
                new StringParameterDefinition("K6_TEST_ID", Long.toString(testId)),
                new StringParameterDefinition(K6CloudDefaults.TOKEN_VARIABLE, "")));
        p.getBuildersList().add(new K6CloudBuilder("${K6_TEST_ID}")); // no credentials of its own
        QueueTaskFuture<FreeStyleBuild> build = p.scheduleBuild2(0);
        cloud.finishRunOf(testId);
        j.assertBuildStatus(Result.SUCCESS, build);
        assertThat(cloud.journal().startsFor(testId), hasSize(1));
        Fingerprint used = CredentialsProvider.getFingerprintOf(JenkinsTestSupport.globalCredentials(TOKEN_ID));
        assertNotNull("no use of the credentials was recorded", used);
        assertThat(used.getJobs(), hasItem(p.getFullName()));
    }

    @Test
    public void undefinedParameterFailsWithAMessageThatNamesIt() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        p.getBuildersList().add(builder("${NO_SUCH_PARAMETER}", null));
        FreeStyleBuild b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains("${NO_SUCH_PARAMETER}", b);
        assertEquals(0, cloud.journal().totalRequests());
    }

    @Test
    public void recordsTheRunAsActionBadgeAndVariablesEvenWithoutMetricsButNeverTheToken() throws Exception {
        cloud.sim().faults().inject(Endpoint.METRICS, 5, Fault.notFound());
        FreeStyleBuild b = build(Outcome.THRESHOLDS_FAIL, "UNSTABLE", Result.UNSTABLE);
        long runId = cloud.journal().runs().get(0).id();

        List<K6CloudRunAction> actions = b.getActions(K6CloudRunAction.class);
        assertThat(actions, hasSize(1));
        K6CloudRunAction action = actions.get(0);
        assertEquals(runId, action.getRunId());
        assertEquals("THRESHOLDS_FAILED", action.getVerdict());
        assertEquals(cloud.sim().webAppUrl() + "/runs/" + runId, action.getRunUrl());
        assertThat(action.getThresholds(), not(empty()));
        assertThat(b.getBadgeActions(), hasItem(action));

        EnvVars env = b.getEnvironment(j.createTaskListener());
        assertEquals(Long.toString(runId), env.get(K6CloudRunAction.RUN_ID_VARIABLE));
        assertEquals(action.getRunUrl(), env.get(K6CloudRunAction.RUN_URL_VARIABLE));
        assertEquals("THRESHOLDS_FAILED", env.get(K6CloudRunAction.RESULT_VARIABLE));

        j.assertLogNotContains(TOKEN, b);
        String buildXml = Files.readString(new File(b.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8);
        assertThat(buildXml, containsString(K6CloudRunAction.class.getName()));
        assertThat(buildXml, not(containsString(TOKEN)));

        // a failed metrics read is one line, and the verdict stays
        j.assertLogContains("metrics not available: ", b);
        assertThat(action.getMetricsUnavailable(), containsString("/result_summary"));
        assertThat(JenkinsTestSupport.buildPage(j, b), containsString("Metrics not available"));
    }

    @Test
    public void theBuildPageAndTheConsoleShowTheMetricsComparedWithK6sBaselineAndTheJobPageTheTrend() throws Exception {
        long testId = cloud.addLoadTest(Outcome.PASSES);
        FreeStyleProject p = j.createFreeStyleProject();
        p.getBuildersList().add(builder(Long.toString(testId), null));
        QueueTaskFuture<FreeStyleBuild> first = p.scheduleBuild2(0);
        long firstRun = cloud.finishRunOf(testId);
        j.assertBuildStatus(Result.SUCCESS, first);
        QueueTaskFuture<FreeStyleBuild> second = p.scheduleBuild2(0);
        cloud.finishRunOf(testId);
        FreeStyleBuild b = j.assertBuildStatus(Result.SUCCESS, second);

        j.assertLogContains("k6 Cloud metrics (changes against k6 baseline run " + firstRun + "):", b);
        j.assertLogContains("  response time p95: 312 ms (+0.0 %, same)", b);
        K6CloudRunAction action = b.getActions(K6CloudRunAction.class).get(0);
        assertThat(action.getMetrics(), not(empty()));
        String page = JenkinsTestSupport.buildPage(j, b);
        assertThat(page, containsString("Change against k6 baseline run " + firstRun));
        assertThat(page, containsString("response time p95"));
        assertThat(page, containsString("312 ms"));
        assertThat(page, containsString("+0.0 % (same)"));
        String buildXml = Files.readString(new File(b.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8);
        assertThat(buildXml, matchesPattern("(?s).*<string>P95</string>\\s*<double>312.4</double>.*"));

        String jobPage = JenkinsTestSupport.page(j, p.getUrl());
        assertThat(jobPage, containsString("<svg"));
        assertThat(jobPage, containsString("load test " + testId));
        assertThat(jobPage, containsString("href=\"2/\""));
    }

    /** Builds a project running a fresh load test that ends as {@code outcome}; no run may be left running. */
    private FreeStyleBuild build(Outcome outcome, String thresholdFailure, Result expected) throws Exception {
        long testId = cloud.addLoadTest(outcome);
        FreeStyleProject p = j.createFreeStyleProject();
        p.getBuildersList().add(builder(Long.toString(testId), thresholdFailure));
        QueueTaskFuture<FreeStyleBuild> build = p.scheduleBuild2(0);
        cloud.finishRunOf(testId);
        FreeStyleBuild b = j.assertBuildStatus(expected, build);
        assertThat(cloud.journal().startsFor(testId), hasSize(1));
        assertThat(cloud.journal().runsLeftRunning(), empty());
        return b;
    }

    /** A project running load test {@code testId} with {@code maxRegression}. */
    private FreeStyleProject gatedProject(long testId, String maxRegression) throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        K6CloudBuilder gated = builder(Long.toString(testId), null);
        gated.setMaxRegression(maxRegression);
        p.getBuildersList().add(gated);
        return p;
    }

    static K6CloudBuilder builder(String testId, String thresholdFailure) {
        K6CloudBuilder builder = new K6CloudBuilder(testId);
        builder.setCredentialsId(TOKEN_ID);
        builder.setThresholdFailure(thresholdFailure);
        return builder;
    }
}
