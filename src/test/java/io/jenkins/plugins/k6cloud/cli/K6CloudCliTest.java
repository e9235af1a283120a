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
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.Timings;
import io.jenkins.plugins.k6cloud.testing.LineLatch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/** The command-line runner in-process: exit codes, messages, a signal, and a real-client run. */
public class K6CloudCliTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();
    private final VirtualK6Cloud cloud = new VirtualK6Cloud();
    private final LineLatch lines = new LineLatch(outBytes, " started for load test ");
    private final CountDownLatch runStarted = lines.latch;
    private K6CloudSimulator external;

    @After
    public void closeExternal() {
        if (external != null) {
            external.close();
        }
    }

    private K6CloudCli cli() {
        return cloud.cli(lines, errBytes, env);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void helpGoesToStandardOutput() {
        assertEquals(0, cli().run("--help"));
        assertThat(out(), containsString("Usage: bin/k6cloud"));
        assertThat(out(), containsString("K6_CLOUD_TOKEN"));
        assertEquals("", err());
    }

    @Test
    public void usageErrorsExitWithTwoAndSayWhatToFix() {
        assertEquals(2, cli().run("--test-id", "x1"));
        assertThat(err(), containsString("--test-id 'x1' is not a number"));
        assertEquals(2, cli().run("--timeout", "10 minutes"));
        assertEquals(2, cli().run("--api-url", "https://api.k6.io", "--test-id", "1"));
        assertThat(err(), containsString("set the environment variable K6_CLOUD_TOKEN"));
        assertEquals(2, cli().run("--simulate", "no-such-scenario"));
        assertThat(err(), containsString("choose one of passes"));
        assertEquals(2, cli().run("--poll-interval", "500ms"));
        assertThat(err(), containsString("use 1s or more"));
        env.put(K6CloudDefaults.TOKEN_VARIABLE, "a-token");
        assertEquals(2, cli().run("--api-url", "https://api.k6.io"));
        assertThat(err(), containsString("--test-id"));
        assertThat(out() + err(), not(containsString("a-token")));
    }

    @Test
    public void withoutASimulatorItSaysHowToGetOne() {
        K6CloudCli cli = new K6CloudCli(
                System.out,
                new PrintStream(errBytes, true, StandardCharsets.UTF_8),
                env,
                K6CloudCli::httpClient,
                Optional::empty,
                cloud::engine);
        assertEquals(2, cli.run("--simulate"));
        assertThat(err(), containsString("Run bin/k6cloud from a clone of the plugin"));
    }

    @Test
    public void theStandardRunnerFindsTheSimulatorOnTheClassPath() {
        Optional<EmbeddedK6Cloud> found = EmbeddedK6Cloud.find();
        assertTrue("the test classes register the simulator", found.isPresent());
        assertEquals("passes", found.get().scenarios().get(0));
    }

    @Test
    public void withoutTokenOrUrlTheDemoRuns() {
        assertEquals(0, cli().run());
        assertEquals("passes", cloud.startedScenario);
        assertThat(
                out(), containsString("k6 Cloud simulator at " + cloud.sim.baseUrl() + ", playing scenario 'passes'"));
        assertThat(out(), containsString("k6 Cloud verdict: PASSED"));
        assertThat(cloud.sim.journal().runsLeftRunning(), empty());
    }

    @Test
    public void theMetricsFollowTheVerdictAsInTheJenkinsConsole() {
        assertEquals(0, cli().run());

        String out = out();
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

        assertEquals(99, cli().run("--simulate", "thresholds-fail"));

        assertEquals(out(), 1, out().split("metrics not available: ", -1).length - 1);
        assertThat(out(), not(containsString("k6 Cloud metrics")));
    }

    @Test
    public void theExitCodeFollowsTheVerdict() {
        assertEquals(99, cli().run("--simulate", "thresholds-fail"));
        assertEquals(99, cli().run("--simulate", "aborted-by-threshold"));
        assertEquals(97, cli().run("--simulate", "aborted-by-script-error"));
        assertThat(out(), containsString("ReferenceError"));
        assertEquals(97, cli().run("--simulate", "stopped-in-web-app"));
        assertEquals(97, cli().run("--simulate", "archived"));
    }

    @Test
    public void theTimeoutStopsTheRunWaitsForItsEndAndExitsWith98() {
        cloud.shape = s -> s.withTimings(Timings.standard().withRunning(Duration.ofHours(3)));
        cloud.setup = sim -> sim.setStopDelay(Duration.ofSeconds(20));
        assertEquals(98, cli().run("--simulate", "passes", "--timeout", "10m"));
        assertThat(out(), containsString("10m timeout"));
        assertThat(out(), containsString("After the stop it ended as Aborted (by user)."));
        assertThat(out(), containsString("run_status Aborted (by user)"));
        assertEquals(
                1,
                cloud.sim
                        .journal()
                        .awaitRequests(e -> e.endpoint() == Endpoint.STOP, 1, Duration.ofSeconds(10))
                        .size());
        assertThat(cloud.sim.journal().runsLeftRunning(), empty());
    }

    @Test
    public void aSignalStopsTheRunAndExitsWith105() throws Exception {
        cloud.shape = s -> s.withTimings(Timings.standard().withRunning(Duration.ofDays(2)));
        K6CloudCli cli = cli();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.run("--simulate"));
        assertTrue("the run started", runStarted.await(30, TimeUnit.SECONDS));
        cli.interrupt();
        assertEquals(Integer.valueOf(105), exit.get(30, TimeUnit.SECONDS));
        assertThat(out(), containsString("Asked k6 Cloud to stop run"));
        assertThat(out(), containsString("k6 Cloud verdict: CANCELLED (build result ABORTED)"));
        assertEquals(
                1,
                cloud.sim
                        .journal()
                        .awaitRequests(e -> e.endpoint() == Endpoint.STOP, 1, Duration.ofSeconds(10))
                        .size());
        assertThat(cloud.sim.journal().runsLeftRunning(), empty());
    }

    @Test
    public void anInterruptedWaitCancelsTheRunBeforeTheEngineCloses() throws Exception {
        cloud.shape = s -> s.withTimings(Timings.standard().withRunning(Duration.ofDays(2)));
        K6CloudCli cli = cli();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread runner = new Thread(() -> exit.complete(cli.run("--simulate")), "k6-cloud-cli-test-runner");
        runner.start();
        assertTrue("the run started", runStarted.await(30, TimeUnit.SECONDS));
        runner.interrupt();
        assertEquals(Integer.valueOf(105), exit.get(30, TimeUnit.SECONDS));
        runner.join(10_000);
        assertEquals(
                1,
                cloud.sim
                        .journal()
                        .awaitRequests(e -> e.endpoint() == Endpoint.STOP, 1, Duration.ofSeconds(10))
                        .size());
        assertThat(out(), containsString("k6 Cloud verdict: CANCELLED"));
        assertThat(cloud.sim.journal().runsLeftRunning(), empty());
    }

    @Test
    public void aTokenThatCannotBeSentIsAUsageErrorBeforeAnyRequest() throws Exception {
        external =
                K6CloudSimulator.builder().clock(cloud.clock).token("tok-right").start();
        long testId = external.addLoadTest(io.jenkins.plugins.k6cloud.simulator.Scenarios.passes());
        for (String bad : new String[] {"tok-right\ntok-right", "tok-right\ttok-right", "tok-r\u00e9ght", "   "}) {
            errBytes.reset();
            env.put(K6CloudDefaults.TOKEN_VARIABLE, bad);
            assertEquals(2, cli().run("--api-url", external.baseUrl(), "--test-id", String.valueOf(testId)));
            assertThat(err(), containsString("The k6 Cloud API token in the environment variable K6_CLOUD_TOKEN"));
            assertThat(err(), not(containsString("Exception")));
            assertThat(out() + err(), not(containsString("tok-r")));
        }
        assertThat(err(), containsString("only white space"));
        assertEquals(0, external.journal().totalRequests());
    }

    @Test
    public void aStartRefusedForTheSettingsExitsWith104() throws Exception {
        external =
                K6CloudSimulator.builder().clock(cloud.clock).token("tok-right").start();
        long testId = external.addLoadTest(io.jenkins.plugins.k6cloud.simulator.Scenarios.passes());
        env.put(K6CloudDefaults.TOKEN_VARIABLE, "tok-wrong");
        assertEquals(104, cli().run("--api-url", external.baseUrl(), "--test-id", String.valueOf(testId)));
        assertThat(out(), containsString("k6 Cloud verdict: CONFIGURATION_ERROR (build result FAILURE)"));
        assertThat(out(), containsString("did not accept the API token"));
        env.put(K6CloudDefaults.TOKEN_VARIABLE, "tok-right");
        assertEquals(104, cli().run("--api-url", external.baseUrl(), "--test-id", "987654"));
        assertThat(out(), containsString("404"));
        assertTrue(external.journal().runs().isEmpty());
    }

    @Test
    public void aRealApiUrlIsFollowedWithTheTokenFromTheEnvironment() throws Exception {
        external = K6CloudSimulator.builder()
                .clock(cloud.clock)
                .token("tok-from-env")
                .start();
        long testId = external.addLoadTest(io.jenkins.plugins.k6cloud.simulator.Scenarios.thresholdsFail());
        env.put(K6CloudDefaults.TOKEN_VARIABLE, "tok-from-env");
        int code = cli().run(
                        "--api-url",
                        external.baseUrl(),
                        "--test-id",
                        String.valueOf(testId),
                        "--web-url",
                        "https://app.example.com",
                        "--poll-interval",
                        "2s");
        assertEquals(err(), 99, code);
        assertThat(
                out(),
                containsString("Running k6 Cloud load test " + testId + " at " + external.baseUrl()
                        + " (poll every 2s, timeout 2h)"));
        assertThat(out(), containsString("https://app.example.com/runs/"));
        assertThat(out() + err(), not(containsString("tok-from-env")));
        assertTrue(external.journal().requests().stream().allMatch(e -> e.authValid()));
    }
}
