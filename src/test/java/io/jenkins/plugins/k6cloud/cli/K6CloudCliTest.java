package io.jenkins.plugins.k6cloud.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.Timings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;

/** The command-line runner in-process: exit codes, messages, a signal, and a real-client run. */
public class K6CloudCliTest {
    @Rule
    public final VirtualK6Cloud cloud = new VirtualK6Cloud();

    private final CountDownLatch runStarted = cloud.latchOn(" started for load test ");

    /** One stop request reached the simulator, and no run of it is left running. */
    private void assertStoppedOnceAndNoneLeftRunning() {
        List<JournalEntry> stops =
                cloud.sim.journal().awaitRequests(e -> e.endpoint() == Endpoint.STOP, 1, Duration.ofSeconds(10));
        assertEquals(1, stops.size());
        assertThat(cloud.sim.journal().runsLeftRunning(), empty());
    }

    @Test
    public void helpGoesToStandardOutput() {
        assertEquals(0, cloud.cli().run("--help"));
        assertThat(cloud.out(), containsString("Usage: bin/k6cloud"));
        assertThat(cloud.out(), containsString("K6_CLOUD_TOKEN"));
        assertEquals("", cloud.err());
    }

    @Test
    public void usageErrorsExitWithTwoAndSayWhatToFix() {
        assertEquals(2, cloud.cli().run("--test-id", "x1"));
        assertThat(cloud.err(), containsString("--test-id 'x1' is not a number"));
        assertEquals(2, cloud.cli().run("--timeout", "10 minutes"));
        assertEquals(2, cloud.cli().run("--api-url", "https://api.k6.io", "--test-id", "1"));
        assertThat(cloud.err(), containsString("set the environment variable K6_CLOUD_TOKEN"));
        assertEquals(2, cloud.cli().run("--simulate", "no-such-scenario"));
        assertThat(cloud.err(), containsString("choose one of passes"));
        assertEquals(2, cloud.cli().run("--poll-interval", "500ms"));
        assertThat(cloud.err(), containsString("use 1s or more"));
        cloud.env.put(K6CloudDefaults.TOKEN_VARIABLE, "a-token");
        assertEquals(2, cloud.cli().run("--api-url", "https://api.k6.io"));
        assertThat(cloud.err(), containsString("--test-id"));
        assertThat(cloud.out() + cloud.err(), not(containsString("a-token")));
    }

    @Test
    public void withoutASimulatorItSaysHowToGetOne() {
        K6CloudCli cli = new K6CloudCli(
                System.out,
                new PrintStream(cloud.errBytes, true, StandardCharsets.UTF_8),
                cloud.env,
                K6CloudCli::httpClient,
                Optional::empty,
                cloud::engine);
        assertEquals(2, cli.run("--simulate"));
        assertThat(cloud.err(), containsString("Run bin/k6cloud from a clone of the plugin"));
    }

    @Test
    public void theStandardRunnerFindsTheSimulatorOnTheClassPath() {
        Optional<EmbeddedK6Cloud> found = EmbeddedK6Cloud.find();
        assertTrue("the test classes register the simulator", found.isPresent());
        assertEquals("passes", found.get().scenarios().get(0));
    }

    @Test
    public void withoutTokenOrUrlTheDemoRuns() {
        assertEquals(0, cloud.cli().run());
        assertEquals("passes", cloud.startedScenario);
        assertThat(
                cloud.out(),
                containsString("k6 Cloud simulator at " + cloud.sim.baseUrl() + ", playing scenario 'passes'"));
        assertThat(cloud.out(), containsString("k6 Cloud verdict: PASSED"));
        assertThat(cloud.sim.journal().runsLeftRunning(), empty());
    }

    @Test
    public void theMetricsFollowTheVerdictAsInTheJenkinsConsole() {
        assertEquals(0, cloud.cli().run());

        String out = cloud.out();
        int verdict = out.indexOf("k6 Cloud verdict: PASSED");
        int metrics = out.indexOf("\nk6 Cloud metrics:\n"); // the load test's first run: no k6 baseline
        assertTrue(out, verdict >= 0 && metrics > verdict);
        assertThat(out, containsString("\n  response time p95: 312 ms\n"));
        assertThat(out, containsString("\n  check \"status is 200\": "));
        assertEquals(1, cloud.sim.journal().count(Endpoint.METRICS));
    }

    @Test
    public void aFailedMetricsReadIsOneLineAndKeepsTheExitCode() {
        cloud.setup = sim -> sim.faults().inject(Endpoint.METRICS, 10, Fault.notFound());

        assertEquals(99, cloud.cli().run("--simulate", "thresholds-fail"));

        assertEquals(cloud.out(), 1, cloud.out().split("metrics not available: ", -1).length - 1);
        assertThat(cloud.out(), not(containsString("k6 Cloud metrics")));
    }

    @Test
    public void theExitCodeFollowsTheVerdict() {
        assertEquals(99, cloud.cli().run("--simulate", "thresholds-fail"));
        assertEquals(99, cloud.cli().run("--simulate", "aborted-by-threshold"));
        assertEquals(97, cloud.cli().run("--simulate", "aborted-by-script-error"));
        assertThat(cloud.out(), containsString("ReferenceError"));
        assertEquals(97, cloud.cli().run("--simulate", "stopped-in-web-app"));
        assertEquals(97, cloud.cli().run("--simulate", "archived"));
    }

    @Test
    public void theTimeoutStopsTheRunWaitsForItsEndAndExitsWith98() {
        cloud.shape = s -> s.withTimings(Timings.standard().withRunning(Duration.ofHours(3)));
        cloud.setup = sim -> sim.setStopDelay(Duration.ofSeconds(20));
        assertEquals(98, cloud.cli().run("--simulate", "passes", "--timeout", "10m"));
        assertThat(cloud.out(), containsString("10m timeout"));
        assertThat(cloud.out(), containsString("After the stop it ended as Aborted (by user)."));
        assertThat(cloud.out(), containsString("run_status Aborted (by user)"));
        assertStoppedOnceAndNoneLeftRunning();
    }

    @Test
    public void aSignalStopsTheRunAndExitsWith105() throws Exception {
        cloud.shape = s -> s.withTimings(Timings.standard().withRunning(Duration.ofDays(2)));
        K6CloudCli cli = cloud.cli();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.run("--simulate"));
        assertTrue("the run started", runStarted.await(30, TimeUnit.SECONDS));
        cli.interrupt();
        assertEquals(Integer.valueOf(105), exit.get(30, TimeUnit.SECONDS));
        assertThat(cloud.out(), containsString("Asked k6 Cloud to stop run"));
        assertThat(cloud.out(), containsString("k6 Cloud verdict: CANCELLED (build result ABORTED)"));
        assertStoppedOnceAndNoneLeftRunning();
    }

    @Test
    public void anInterruptedWaitCancelsTheRunBeforeTheEngineCloses() throws Exception {
        cloud.shape = s -> s.withTimings(Timings.standard().withRunning(Duration.ofDays(2)));
        K6CloudCli cli = cloud.cli();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread runner = new Thread(() -> exit.complete(cli.run("--simulate")), "k6-cloud-cli-test-runner");
        runner.start();
        assertTrue("the run started", runStarted.await(30, TimeUnit.SECONDS));
        runner.interrupt();
        assertEquals(Integer.valueOf(105), exit.get(30, TimeUnit.SECONDS));
        runner.join(10_000);
        assertThat(cloud.out(), containsString("k6 Cloud verdict: CANCELLED"));
        assertStoppedOnceAndNoneLeftRunning();
    }

    @Test
    public void aTokenThatCannotBeSentIsAUsageErrorBeforeAnyRequest() throws Exception {
        cloud.external("tok-right", null);
        long testId = cloud.external.addLoadTest(io.jenkins.plugins.k6cloud.simulator.Scenarios.passes());
        for (String bad : new String[] {"tok-right\ntok-right", "tok-right\ttok-right", "tok-r\u00e9ght", "   "}) {
            cloud.errBytes.reset();
            cloud.env.put(K6CloudDefaults.TOKEN_VARIABLE, bad);
            assertEquals(
                    2, cloud.cli().run("--api-url", cloud.external.baseUrl(), "--test-id", String.valueOf(testId)));
            assertThat(
                    cloud.err(), containsString("The k6 Cloud API token in the environment variable K6_CLOUD_TOKEN"));
            assertThat(cloud.err(), not(containsString("Exception")));
            assertThat(cloud.out() + cloud.err(), not(containsString("tok-r")));
        }
        assertThat(cloud.err(), containsString("only white space"));
        assertEquals(0, cloud.external.journal().totalRequests());
    }

    @Test
    public void aStartRefusedForTheSettingsExitsWith104() throws Exception {
        cloud.external("tok-right", null);
        long testId = cloud.external.addLoadTest(io.jenkins.plugins.k6cloud.simulator.Scenarios.passes());
        cloud.env.put(K6CloudDefaults.TOKEN_VARIABLE, "tok-wrong");
        assertEquals(104, cloud.cli().run("--api-url", cloud.external.baseUrl(), "--test-id", String.valueOf(testId)));
        assertThat(cloud.out(), containsString("k6 Cloud verdict: CONFIGURATION_ERROR (build result FAILURE)"));
        assertThat(cloud.out(), containsString("did not accept the API token"));
        cloud.env.put(K6CloudDefaults.TOKEN_VARIABLE, "tok-right");
        assertEquals(104, cloud.cli().run("--api-url", cloud.external.baseUrl(), "--test-id", "987654"));
        assertThat(cloud.out(), containsString("404"));
        assertTrue(cloud.external.journal().runs().isEmpty());
    }

    @Test
    public void aRealApiUrlIsFollowedWithTheTokenFromTheEnvironment() throws Exception {
        long testId = cloud.external("tok-from-env", null)
                .addLoadTest(io.jenkins.plugins.k6cloud.simulator.Scenarios.thresholdsFail());
        int code = cloud.cli()
                .run(
                        "--api-url",
                        cloud.external.baseUrl(),
                        "--test-id",
                        String.valueOf(testId),
                        "--web-url",
                        "https://app.example.com",
                        "--poll-interval",
                        "2s");
        assertEquals(cloud.err(), 99, code);
        assertThat(
                cloud.out(),
                containsString("Running k6 Cloud load test " + testId + " at " + cloud.external.baseUrl()
                        + " (poll every 2s, timeout 2h)"));
        assertThat(cloud.out(), containsString("https://app.example.com/runs/"));
        assertThat(cloud.out() + cloud.err(), not(containsString("tok-from-env")));
        assertTrue(cloud.external.journal().requests().stream().allMatch(e -> e.authValid()));
    }
}
