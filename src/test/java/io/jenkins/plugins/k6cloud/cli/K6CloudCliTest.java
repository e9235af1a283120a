package io.jenkins.plugins.k6cloud.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import io.jenkins.plugins.k6cloud.cli.CliArguments.Option;
import io.jenkins.plugins.k6cloud.cli.CliArguments.UsageException;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.RunRecord;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.Timings;
import io.jenkins.plugins.k6cloud.simulator.UploadRecord;
import io.jenkins.plugins.k6cloud.testing.InMemoryScript;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The command-line runner: its options, and the runner in-process against the simulator (exit codes,
 * messages, signals, both API flavours, tests as code; its faults are rows of the fault matrix).
 */
public class K6CloudCliTest {
    /** Each row: the value expected, the option, then the command line. */
    private static final Object[][] READ = {
        {42L, Option.TEST_ID, "--test-id", "42"},
        {URI.create("https://api.k6.io"), Option.API_URL, "--api-url", "https://api.k6.io"},
        {URI.create("https://app.k6.io"), Option.WEB_URL, "--web-url=https://app.k6.io"},
        {Duration.ofSeconds(2), Option.POLL_INTERVAL, "--poll-interval", "2s"},
        {Duration.ofMinutes(90), Option.TIMEOUT, "--timeout", "1h30m"},
        {ApiFlavour.V6, Option.API_FLAVOUR, "--api-flavour", "v6"},
        {ApiFlavour.V2, Option.API_FLAVOUR, "--api-flavor=V2"},
        {4242L, Option.STACK_ID, "--stack-id=4242"},
        {Path.of("load/checkout.js"), Option.SCRIPT, "--script", "load/checkout.js"},
        {"shop", Option.TEST_NAME, "--script", "a.js", "--test-name", "shop"},
        {5L, Option.PROJECT_ID, "--script", "a.js", "--project-id", "5"},
        {"nightly", Option.NOTE, "--note", "nightly"},
        {"", Option.SIMULATE, "--simulate"},
        {"thresholds-fail", Option.SIMULATE, "--simulate", "thresholds-fail"},
        {"", Option.SIMULATE, "--simulate", "--timeout", "5m"},
        {Duration.ofMinutes(5), Option.TIMEOUT, "--simulate", "--timeout", "5m"},
        {true, Option.HELP, "--help"},
        {true, Option.HELP, "-h"},
    };

    @Test
    public void everyOptionIsRead() throws Exception {
        for (Object[] row : READ) {
            String[] args = Arrays.copyOfRange(row, 2, row.length, String[].class);
            assertEquals(
                    String.join(" ", args), row[0], CliArguments.parse(args).get((Option) row[1]));
        }
        CliArguments none = CliArguments.parse();
        for (Option o : Option.values()) {
            assertFalse(o.flag, none.has(o));
        }
    }

    /** Each row: what the message says, then the command line. */
    private static final String[][] BAD = {
        {"Unknown option --frobnicate", "--frobnicate"},
        {"Unexpected argument '42'", "42"},
        {"--test-id 'abc' is not a load test id", "--test-id", "abc"},
        {"give a positive number", "--test-id", "0"},
        {"give a positive number", "--test-id", "-5"},
        {"--test-id needs a value", "--test-id"},
        {"--test-id needs a value", "--test-id", "--timeout", "5m"},
        {"write it like 30s, 5m", "--timeout", "soon"},
        {"positive duration", "--poll-interval", "0s"},
        {"use 1s or more", "--poll-interval", "500ms"},
        {"--script is empty", "--script", " "},
        {"is not an http(s) URL", "--api-url", "ftp://x"},
        {"K6_CLOUD_TOKEN", "--token", "secret"},
        {"K6_CLOUD_TOKEN", "--api-token=secret"},
        {"give one of them", "--simulate", "--api-url", "https://api.k6.io"},
        {"use v2 (k6 Cloud) or v6 (Grafana Cloud k6)", "--api-flavour", "v7"},
        {"--stack-id 'stack-1' is not a stack id", "--stack-id", "stack-1"},
        {"give the script with --script", "--test-name", "x", "--test-id", "1"},
        {"give the script with --script", "--project-id", "5", "--test-id", "1"},
        {"give one of them", "--script", "a.js", "--test-id", "1", "--test-name", "x"},
        {"is not a project id", "--script", "a.js", "--project-id", "zero"},
        {"--test-name is empty", "--script", "a.js", "--test-name", " "},
        {"Grafana Cloud k6 takes at most 300", "--script", "a.js", "--test-name", "n".repeat(301)},
    };

    @Test
    public void badInputSaysWhatToFix() {
        for (String[] row : BAD) {
            String[] args = Arrays.copyOfRange(row, 1, row.length);
            String message = assertThrows(UsageException.class, () -> CliArguments.parse(args))
                    .getMessage();
            assertThat(String.join(" ", args), message, containsString(row[0]));
            assertThat(message, not(containsString("secret")));
        }
    }

    @Test
    public void theHelpListsEveryOptionOfTheTable() {
        for (Option o : Option.values()) {
            assertThat(CliArguments.USAGE, containsString("\n  " + o.flag + (o.value == null ? "" : " " + o.value)));
        }
        assertThat(CliArguments.USAGE, containsString("K6_CLOUD_STACK_ID"));
        assertThat(CliArguments.USAGE, containsString("\n                        k6 archive (.tar, from k6 archive)"));
    }

    @Test
    public void exitCodesFollowK6() {
        for (String row : ("PASSED 0, STARTED 0, THRESHOLDS_FAILED 99, RUN_FAILED 97, ABORTED_IN_K6 97, UNTRUSTED 97,"
                        + " CONFIGURATION_ERROR 104, UNREACHABLE 98, TIMED_OUT 98, CANCELLED 105")
                .split(", ")) {
            String[] r = row.split(" ");
            assertEquals(row, Integer.parseInt(r[1]), ExitCodes.of(Verdict.valueOf(r[0])));
        }
    }

    private static final byte[] SCRIPT =
            "import http from 'k6/http';\nexport default function () { http.get('https://test.k6.io'); }\n"
                    .getBytes(StandardCharsets.UTF_8);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Rule
    public final VirtualK6Cloud cloud = new VirtualK6Cloud();

    /** One stop request reached the simulator, and no run of it is left running. */
    private void assertStoppedOnceAndNoneLeftRunning() {
        List<JournalEntry> stops =
                cloud.sim.journal().awaitRequests(e -> e.endpoint() == Endpoint.STOP, 1, Duration.ofSeconds(10));
        assertEquals(1, stops.size());
        assertThat(cloud.sim.journal().runsLeftRunning(), empty());
    }

    /** A request of the v6 API; the metrics read uses Grafana's /cloud/v5 and /loadtests/v4 with either flavour. */
    private static boolean isV6(JournalEntry e) {
        return e.path().startsWith("/cloud/v6/") || e.endpoint() == Endpoint.METRICS || e.endpoint() == Endpoint.CHECKS;
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = tmp.getRoot().toPath().resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    /** Runs against {@link VirtualK6Cloud#external}: {@code --api-url} and {@code --stack-id} first. */
    private int external(String... args) {
        List<String> all = new ArrayList<>(List.of("--api-url", cloud.external.baseUrl(), "--stack-id", "31337"));
        all.addAll(List.of(args));
        return cloud.cli().run(all.toArray(String[]::new));
    }

    private RunRecord onlyRun(K6CloudSimulator sim) {
        List<RunRecord> runs = sim.journal().runs();
        assertEquals(String.valueOf(runs), 1, runs.size());
        return runs.get(0);
    }

    @Test
    public void helpGoesToStandardOutput() {
        assertEquals(0, cloud.cli().run("--help"));
        assertEquals(CliArguments.USAGE, cloud.out());
        assertEquals("", cloud.err());
    }

    /** Each row: what standard error says, the environment ({@code -} for no token), the arguments. */
    @Test
    public void usageErrorsExitWithTwoBeforeAnyRequest() throws Exception {
        K6CloudSimulator sim = cloud.external("tok-usage", 31337);
        String api = sim.baseUrl();
        String script = write("load/checkout.js", SCRIPT).toString();
        String dir = tmp.newFolder("load-dir").toString();
        String empty = write("load/empty.js", new byte[0]).toString();
        String[][] rows = {
            {"--test-id 'x1' is not a load test id", "", "--test-id", "x1"},
            {"set the environment variable K6_CLOUD_TOKEN", "-", "--api-url", api, "--test-id", "1"},
            {"choose one of passes", "-", "--simulate", "no-such-scenario"},
            {"Give the load test to run with --test-id", "", "--api-url", api},
            {"needs the id of your Grafana Cloud stack", "", "--api-url", api, "--api-flavour", "v6", "--test-id", "1"},
            {"K6_CLOUD_STACK_ID '-3' is not a stack id", "K6_CLOUD_STACK_ID=-3", "--api-url", api, "--test-id", "1"},
            {"only its v6 API", "", "--api-url", api, "--test-id", "1", "--note", "x", "--api-flavour", "v2"},
            {"there is no such file", "", "--api-url", api, "--script", tmp.getRoot() + "/missing.js"},
            {"is a directory", "", "--api-url", api, "--script", dir},
            {"is empty", "", "--api-url", api, "--script", empty},
            {"choose --api-flavour v6", "", "--api-url", api, "--script", script, "--api-flavour", "v2"},
        };
        for (String[] row : rows) {
            cloud.errBytes.reset();
            cloud.env.clear();
            if (!row[1].equals("-")) {
                cloud.env.put(K6CloudDefaults.TOKEN_VARIABLE, "tok-usage");
            }
            if (row[1].contains("=")) {
                cloud.env.put(row[1].split("=")[0], row[1].split("=")[1]);
            }
            String[] args = Arrays.copyOfRange(row, 2, row.length);
            assertEquals(String.join(" ", args), 2, cloud.cli().run(args));
            assertThat(String.join(" ", args), cloud.err(), containsString(row[0]));
        }
        assertThat(cloud.out() + cloud.err(), not(containsString("tok-usage")));
        assertEquals(0, sim.journal().totalRequests());
    }

    @Test
    public void withoutTheSimulatorOnTheClassPathItSaysHowToGetIt() {
        cloud.clouds = Optional::empty;
        assertEquals(2, cloud.cli().run("--simulate"));
        assertThat(cloud.err(), containsString("Run bin/k6cloud from a clone of the plugin"));
    }

    @Test
    public void withoutTokenOrUrlTheDemoRunsAndPrintsTheMetricsAfterTheVerdict() {
        assertEquals(0, cloud.cli().run());
        String out = cloud.out();
        assertThat(out, startsWith("k6 Cloud simulator at " + cloud.sim.baseUrl() + ", playing scenario 'passes'"));
        int verdict = out.indexOf("k6 Cloud verdict: PASSED");
        int metrics = out.indexOf("\nk6 Cloud metrics:\n"); // the load test's first run: no k6 baseline
        assertTrue(out, verdict >= 0 && metrics > verdict);
        assertThat(out, containsString("\n  response time p95: 312 ms\n"));
        assertThat(out, containsString("\n  check \"status is 200\": "));
        assertEquals(1, cloud.sim.journal().count(Endpoint.METRICS));
        assertThat(cloud.sim.journal().runsLeftRunning(), empty());
    }

    @Test
    public void aFailedMetricsReadIsOneLineAndKeepsTheExitCode() {
        cloud.setup = sim -> sim.faults().inject(Endpoint.METRICS, 10, Fault.notFound());
        assertEquals(99, cloud.cli().run("--simulate", "thresholds-fail"));
        assertEquals(cloud.out(), 1, cloud.out().split("metrics not available: ", -1).length - 1);
        assertThat(cloud.out(), not(containsString("k6 Cloud metrics")));
    }

    @Test
    public void theExitCodeFollowsTheVerdictWithEitherApi() {
        Object[][] rows = {
            {"thresholds-fail", "v2", 99},
            {"aborted-by-threshold", "v2", 99},
            {"aborted-by-script-error", "v2", 97},
            {"stopped-in-web-app", "v2", 97},
            {"archived", "v2", 97},
            {"aborted-by-threshold", "v6", 99},
            {"aborted-by-script-error", "v6", 97},
        };
        for (Object[] row : rows) {
            cloud.outBytes.reset();
            int code = cloud.cli().run("--simulate", (String) row[0], "--api-flavour", (String) row[1]);
            assertEquals(row[0] + " " + row[1], row[2], code);
            assertEquals(
                    row[1].equals("v6"), cloud.sim.journal().requests().stream().allMatch(e -> isV6(e)));
            assertThat(cloud.sim.journal().runsLeftRunning(), empty());
        }
        assertThat(cloud.out(), containsString("ReferenceError"));
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

    /** A signal ({@link K6CloudCli#interrupt}) or an interrupt of the waiting thread, before the engine closes. */
    @Test
    public void aSignalOrAnInterruptStopsTheRunAndExitsWith105() throws Exception {
        cloud.shape = s -> s.withTimings(Timings.standard().withRunning(Duration.ofDays(2)));
        for (boolean signal : new boolean[] {true, false}) {
            cloud.outBytes.reset();
            CountDownLatch runStarted = cloud.latchOn(" started for load test ");
            K6CloudCli cli = cloud.cli();
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            Thread runner = new Thread(() -> exit.complete(cli.run("--simulate")), "k6-cloud-cli-test-runner");
            runner.start();
            assertTrue("the run started", runStarted.await(30, TimeUnit.SECONDS));
            if (signal) {
                cli.interrupt();
            } else {
                runner.interrupt();
            }
            assertEquals(Integer.valueOf(105), exit.get(30, TimeUnit.SECONDS));
            runner.join(10_000);
            assertThat(cloud.out(), containsString("Asked k6 Cloud to stop run"));
            assertThat(cloud.out(), containsString("k6 Cloud verdict: CANCELLED (build result ABORTED)"));
            assertStoppedOnceAndNoneLeftRunning();
        }
    }

    @Test
    public void aStartRefusedForTheSettingsExitsWith104() throws Exception {
        long testId = cloud.external("tok-right", null).addLoadTest(Scenarios.passes());
        cloud.env.put(K6CloudDefaults.TOKEN_VARIABLE, "tok-wrong");
        String api = cloud.external.baseUrl();
        assertEquals(104, cloud.cli().run("--api-url", api, "--test-id", String.valueOf(testId)));
        assertThat(cloud.out(), containsString("k6 Cloud verdict: CONFIGURATION_ERROR (build result FAILURE)"));
        assertThat(cloud.out(), containsString("did not accept the API token"));
        cloud.env.put(K6CloudDefaults.TOKEN_VARIABLE, "tok-right");
        assertEquals(104, cloud.cli().run("--api-url", api, "--test-id", "987654"));
        assertThat(cloud.out(), containsString("404"));
        assertTrue(cloud.external.journal().runs().isEmpty());
    }

    @Test
    public void aRealApiUrlIsFollowedWithTheTokenFromTheEnvironment() throws Exception {
        long testId = cloud.external("tok-from-env", null).addLoadTest(Scenarios.thresholdsFail());
        String api = cloud.external.baseUrl();
        String args =
                "--api-url " + api + " --test-id " + testId + " --web-url https://app.example.com --poll-interval 2s";
        assertEquals(cloud.err(), 99, cloud.cli().run(args.split(" ")));
        assertThat(
                cloud.out(),
                containsString("Running k6 Cloud load test " + testId + " at " + api + " (poll every 2s, timeout 2h)"));
        assertThat(cloud.out(), containsString("https://app.example.com/runs/"));
        assertThat(cloud.out() + cloud.err(), not(containsString("tok-from-env")));
        assertTrue(cloud.external.journal().requests().stream().allMatch(e -> e.authValid()));
    }

    /** The stack id from the environment, then from {@code --stack-id}, which wins over the environment. */
    @Test
    public void aRealV6ApiIsFollowedWithTheStackId() throws Exception {
        String testId = String.valueOf(cloud.external("tok-v6", 31337).addLoadTest(Scenarios.thresholdsFail()));
        String api = cloud.external.baseUrl();
        cloud.env.put(K6CloudCli.STACK_ID_VARIABLE, "31337");
        assertEquals(cloud.err(), 99, cloud.cli().run("--api-flavour", "v6", "--api-url", api, "--test-id", testId));
        cloud.env.put(K6CloudCli.STACK_ID_VARIABLE, "1");
        assertEquals(cloud.err(), 99, external("--api-flavour", "v6", "--test-id", testId));
        assertThat(
                cloud.out(),
                containsString("at " + api + " with Grafana Cloud k6 (v6), stack 31337 (poll every 5s, timeout 2h)"));
        assertThat("the start answer's run page", cloud.out(), containsString(cloud.external.webAppUrl() + "/runs/"));
        assertThat(cloud.out() + cloud.err(), not(containsString("tok-v6")));
        assertTrue(cloud.external.journal().requests().stream()
                .allMatch(e -> e.authValid() && isV6(e) && "31337".equals(e.stackId())));
        assertThat(cloud.external.journal().runsLeftRunning(), empty());
    }

    @Test
    public void aScriptCreatesOrReplacesItsLoadTestAndEachRunGetsItsNote() throws Exception {
        K6CloudSimulator sim = cloud.external("tok-script", 31337);
        sim.faults().inject(Endpoint.NOTE, Fault.dropConnection());
        cloud.env.put("HOSTNAME", "ci-7");
        String script = write("load/checkout.js", SCRIPT).toString();
        long shop = sim.addLoadTest("shop", Scenarios.thresholdsFail());
        long byId = sim.addLoadTest("by-id", Scenarios.passes());
        long byHand = sim.addLoadTest("by-hand", Scenarios.passes());

        assertEquals(cloud.err(), 0, external("--script", script));
        assertEquals(cloud.err(), 99, external("--script", script, "--test-name", "shop", "--note", "nightly"));
        assertEquals(cloud.err(), 0, external("--test-id", "" + byId, "--script", script));
        assertEquals(cloud.err(), 0, external("--api-flavour", "v6", "--test-id", "" + byHand, "--note", "1.2"));

        List<UploadRecord> uploads = sim.journal().uploads();
        String sha = new InMemoryScript("x", SCRIPT).sha256();
        assertEquals(
                List.of(sha, sha, sha),
                uploads.stream().map(UploadRecord::sha256).toList());
        UploadRecord created = uploads.get(0);
        assertEquals("checkout", created.testName());
        assertTrue("created, not replaced", created.created());
        assertFalse(sim.journal().scriptOf(shop).created());
        assertEquals("checkout, and the 409 of shop", 2, sim.journal().count(Endpoint.CREATE_TEST));
        List<RunRecord> runs = sim.journal().runs();
        assertEquals(
                List.of(created.testId(), shop, byId, byHand),
                runs.stream().map(RunRecord::testId).toList());
        String started = "Started by bin/k6cloud on ci-7 from " + script;
        assertEquals(
                List.of(started, "nightly", started, "1.2"),
                runs.stream().map(r -> sim.journal().noteOf(r.id())).toList());
        assertThat(cloud.out(), containsString("Load test: \"checkout\" (id " + created.testId() + ") in project "));
        assertThat(cloud.out(), containsString("Load test: \"shop\" (id " + shop + ")"));
        assertThat(cloud.out(), containsString("Replacing the script of load test " + byId));
        assertThat(cloud.out(), containsString("Load test: \"by-id\" (id " + byId + ")"));
        assertThat(cloud.out() + cloud.err(), not(containsString("tok-script")));
        assertTrue(sim.journal().requests().stream().allMatch(e -> isV6(e)));
        assertThat(sim.journal().runsLeftRunning(), empty());
    }

    @Test
    public void theSimulatorPlaysAnUploadAndRun() {
        cloud.env.put("HOSTNAME", "ci-7");
        assertEquals(cloud.err(), 0, cloud.cli().run("--simulate", "upload-and-run"));
        UploadRecord upload = cloud.sim.journal().uploads().get(0);
        assertEquals("demo-script", upload.testName());
        RunRecord run = onlyRun(cloud.sim);
        assertEquals(upload.testId(), run.testId());
        assertThat(cloud.sim.journal().noteOf(run.id()), containsString("Started by bin/k6cloud on ci-7"));
        assertThat(cloud.out(), containsString("Load test: \"demo-script\""));
        assertThat(cloud.sim.journal().runsLeftRunning(), empty());
    }
}
