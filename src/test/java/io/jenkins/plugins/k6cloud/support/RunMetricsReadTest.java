package io.jenkins.plugins.k6cloud.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.ProcessingStatus;
import io.jenkins.plugins.k6cloud.api.ResultStatus;
import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.RunStatus;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import io.jenkins.plugins.k6cloud.results.MetricsTable;
import io.jenkins.plugins.k6cloud.results.RegressionGate;
import io.jenkins.plugins.k6cloud.results.RunFigures;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.testing.ForwardingK6CloudClient;
import io.jenkins.plugins.k6cloud.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The metrics read after the verdict, shared by the build step and the Pipeline step, against the
 * simulator: what it prints, what it compares with (k6's baseline, else the previous build), the
 * value it returns, and that every fault of the read gives one line and nothing else.
 */
public class RunMetricsReadTest {
    private final ManualClock clock = new ManualClock();
    private K6CloudSimulator sim;
    private OkHttpClient http;

    @Before
    public void start() throws Exception {
        sim = K6CloudSimulator.builder().clock(clock).start();
        http = new OkHttpClient();
    }

    @After
    public void stop() {
        sim.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** A client with the options of the read in Jenkins, in virtual time. */
    private K6CloudClient client(ClientOptions options) {
        return new HttpK6CloudClient(
                ApiFlavour.V2,
                http,
                sim.uri(),
                ApiToken.of(sim.token()),
                options.withTime(clock, ms -> clock.advance(Duration.ofMillis(ms)), new Random(3)));
    }

    private K6CloudClient client() {
        return client(new RunConfig.Connection(ApiFlavour.V2, sim.baseUrl(), null, "k6").metricsOptions());
    }

    /** A finished, processed run of a new load test (or of {@code testId}). */
    private long finishedRun(K6CloudClient client, long testId) throws Exception {
        long runId = client.startRun(testId).id();
        clock.advance(Scenarios.passes().timings().total().plusSeconds(1));
        return runId;
    }

    private static RunOutcome outcome(Verdict verdict, long testId, Long runId) {
        return new RunOutcome(
                verdict,
                verdict.buildResult(BuildResult.FAILURE),
                "message",
                testId,
                runId,
                null,
                RunStatus.FINISHED,
                3,
                ProcessingStatus.FINISHED,
                ResultStatus.PASSED,
                Duration.ofSeconds(30),
                50,
                List.of());
    }

    private static RunFigures figures(double p95Ms) {
        return new RunFigures(p95Ms, null, null, null, 0.002, 40.0, null, 6000L, null, null);
    }

    @Test
    public void aRunWithAK6BaselineIsComparedWithIt() throws Exception {
        K6CloudClient client = client();
        long testId = sim.addLoadTest("checkout", Scenarios.passes());
        long first = finishedRun(client, testId);
        long second = finishedRun(client, testId);

        RunMetricsRead.Read read = RunMetricsRead.read(
                client, outcome(Verdict.PASSED, testId, second), new MetricsTable.Earlier(figures(100), "build #4"));

        assertEquals("k6 baseline run " + first, read.table().comparedWith());
        assertEquals(
                "k6 Cloud metrics (changes against k6 baseline run " + first + "):",
                read.lines().get(0));
        assertTrue(read.lines().contains("  response time p95: 312 ms (+0.0 %, same)"));
        assertEquals(312.4, read.figures().p95Ms(), 1e-9);
        Map<String, Object> value = read.returnValue();
        assertEquals(312.4, (Double) value.get("p95Ms"), 1e-9);
        assertEquals(6000L, value.get("requests"));
        assertEquals("k6 baseline run " + first, value.get("comparedWith"));
        assertNull(read.unavailable());
    }

    @Test
    public void withoutABaselineTheRunIsComparedWithThePreviousBuildByDirection() throws Exception {
        K6CloudClient client = client();
        long testId = sim.addLoadTest("checkout", Scenarios.passes());
        long runId = finishedRun(client, testId); // the test's first run: k6 reports no baseline
        RunMetricsRead.Read alone = RunMetricsRead.read(client, outcome(Verdict.PASSED, testId, runId), null);
        assertEquals(
                "nothing to compare with: the figures alone",
                "k6 Cloud metrics:",
                alone.lines().get(0));
        assertFalse(alone.returnValue().containsKey("comparedWith"));
        assertFalse(alone.returnValue().containsKey("changes"));

        RunMetricsRead.Read read = RunMetricsRead.read(
                client,
                outcome(Verdict.PASSED, testId, runId),
                new MetricsTable.Earlier(
                        new RunFigures(250.0, null, null, null, 0.004, 200.0, null, 9000L, null, null), "build #4"));

        assertEquals("build #4", read.table().comparedWith());
        assertTrue(read.lines().toString(), read.lines().contains("  response time p95: 312 ms (+25.0 %, worse)"));
        assertTrue(read.lines().toString(), read.lines().contains("  failure rate: 0.2 % (-50.0 %, better)"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> changes =
                (List<Map<String, Object>>) read.returnValue().get("changes");
        Map<String, Object> p95 = changes.stream()
                .filter(c -> c.get("figure").equals("p95"))
                .findFirst()
                .orElseThrow();
        assertEquals("WORSE", p95.get("change"));
        assertEquals(250.0, (Double) p95.get("before"), 1e-9);
        assertEquals(24.96, (Double) p95.get("percent"), 1e-9);
    }

    @Test
    public void everyFaultOfTheReadGivesOneLineAndOnlyTheReason() throws Exception {
        K6CloudClient plain = client();
        long testId = sim.addLoadTest("checkout", Scenarios.passes());
        long runId = finishedRun(plain, testId);
        ClientOptions shortTimeouts = new RunConfig.Connection(ApiFlavour.V2, sim.baseUrl(), null, "k6")
                .metricsOptions()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(150), Duration.ofSeconds(2));
        List<Fault> faults = List.of(
                Fault.notFound(), Fault.serverError(500), Fault.latency(Duration.ofMillis(600)), Fault.malformedJson());
        for (Fault fault : faults) {
            sim.faults().inject(Endpoint.METRICS, 5, fault);
            RunMetricsRead.Read read =
                    RunMetricsRead.read(client(shortTimeouts), outcome(Verdict.PASSED, testId, runId), null);
            sim.faults().clear();

            assertEquals(fault + ": " + read.lines(), 1, read.lines().size());
            assertThat(read.lines().get(0), startsWith("metrics not available: "));
            assertThat(read.lines().get(0), not(containsString(sim.token())));
            assertEquals(Map.of("unavailable", read.unavailable()), read.returnValue());
            assertNull(read.table());
            assertNull(read.figures());
        }
    }

    @Test
    public void aFailedChecksReadKeepsTheFiguresAndSaysSo() throws Exception {
        K6CloudClient client = client();
        long testId = sim.addLoadTest("checkout", Scenarios.passes());
        long runId = finishedRun(client, testId);
        sim.faults().inject(Endpoint.CHECKS, 5, Fault.serverError(500));

        RunMetricsRead.Read read = RunMetricsRead.read(client, outcome(Verdict.PASSED, testId, runId), null);

        assertEquals(312.4, read.figures().p95Ms(), 1e-9);
        assertThat(read.lines().get(read.lines().size() - 1), startsWith("  checks not available: "));
    }

    @Test
    public void aClientThatCannotBeMadeMakesTheMetricsUnavailable() throws Exception {
        RunMetricsRead.Read read = RunMetricsRead.afterVerdict(
                () -> {
                    throw new hudson.AbortException("Cannot find the credentials 'gone'");
                },
                outcome(Verdict.PASSED, 1, 2L),
                null,
                new RunConfig.Options(null, null, null, null, true));

        assertEquals(List.of("metrics not available: Cannot find the credentials 'gone'"), read.lines());
    }

    @Test
    public void theGateJudgesOnlyAPassedRunAndPassesOneWithinTheLimit() throws Exception {
        K6CloudClient client = client();
        long testId = sim.addLoadTest("limits", Scenarios.thresholdsFail());
        long runId = finishedRun(client, testId);
        RunMetricsRead.Read read = RunMetricsRead.read(client, outcome(Verdict.THRESHOLDS_FAILED, testId, runId), null);

        RunMetricsRead.Read gated = read.gated(
                RegressionGate.parse("1%"), new MetricsTable.Earlier(figures(1), "build #1"), BuildResult.FAILURE);

        assertSame("thresholds failed: the gate has nothing to add", read, gated);

        long ok = sim.addLoadTest("checkout", Scenarios.passes());
        RunMetricsRead.Read passed = RunMetricsRead.read(
                        client, outcome(Verdict.PASSED, ok, finishedRun(client, ok)), null)
                .gated(
                        RegressionGate.parse("5%"),
                        new MetricsTable.Earlier(figures(312.4), "build #1"),
                        BuildResult.FAILURE);
        assertEquals("within the limit", Verdict.PASSED, passed.outcome().verdict());
        assertThat(passed.lines().toString(), containsString("no change for the worse beyond 5 % against build #1"));
    }

    @Test
    public void anInterruptIsAnInterruptNotAMetricsFailure() {
        K6CloudClient interrupted = new ForwardingK6CloudClient(client()) {
            @Override
            public RunMetrics getRunMetrics(long runId) throws K6CloudException {
                throw new K6CloudException.InterruptedCallException("interrupted", "GET /x", null);
            }
        };
        try {
            assertThrows(
                    InterruptedException.class,
                    () -> RunMetricsRead.read(interrupted, outcome(Verdict.PASSED, 1, 2L), null));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    public void onlyARunFollowedToItsEndIsRead() {
        assertTrue(outcome(Verdict.PASSED, 1, 2L).followedToItsEnd());
        assertTrue(outcome(Verdict.THRESHOLDS_FAILED, 1, 2L).followedToItsEnd());
        assertTrue(outcome(Verdict.RUN_FAILED, 1, 2L).followedToItsEnd());
        assertFalse("wait: false", outcome(Verdict.STARTED, 1, 2L).followedToItsEnd());
        assertFalse("no run", outcome(Verdict.CONFIGURATION_ERROR, 1, null).followedToItsEnd());
        assertFalse(outcome(Verdict.RUN_FAILED, 1, null).followedToItsEnd());
        assertFalse("the build was aborted", outcome(Verdict.CANCELLED, 1, 2L).followedToItsEnd());
        assertFalse(outcome(Verdict.UNREACHABLE, 1, 2L).followedToItsEnd());
    }

    @Test
    public void theReadIsBoundedWellBelowARunsCalls() {
        ClientOptions o = new RunConfig.Connection(ApiFlavour.V2, "https://api.k6.io", null, "k6").metricsOptions();
        assertEquals("one retry", 2, o.retryPolicy().maxAttempts());
        assertThat(o.callTimeout(), lessThanOrEqualTo(Duration.ofSeconds(5)));
        assertThat(o.readTimeout(), lessThanOrEqualTo(Duration.ofSeconds(5)));
        assertThat(o.connectTimeout(), lessThanOrEqualTo(Duration.ofSeconds(5)));
    }
}
