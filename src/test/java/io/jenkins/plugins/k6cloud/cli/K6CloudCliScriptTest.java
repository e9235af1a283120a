package io.jenkins.plugins.k6cloud.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.RunRecord;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.UploadRecord;
import io.jenkins.plugins.k6cloud.testing.InMemoryScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Tests as code on the command line ({@code --script}, {@code --test-name}, {@code --project-id},
 * {@code --note}), in-process against the simulator's v6 API.
 */
public class K6CloudCliScriptTest {
    static final String SCRIPT =
            "import http from 'k6/http';\nexport default function () { http.get('https://test.k6.io'); }\n";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Rule
    public final VirtualK6Cloud cloud = new VirtualK6Cloud();

    private final CountDownLatch uploading = cloud.latchOn("Uploading k6 script ");
    private K6CloudSimulator sim;
    private Path script;

    @Before
    public void start() throws Exception {
        sim = cloud.external("tok-script", 31337);
        cloud.env.put("HOSTNAME", "ci-7");
        script = write("load/checkout.js", SCRIPT.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = tmp.getRoot().toPath().resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    /** Runs against the simulator's v6 API with {@code args} after the API URL and stack id. */
    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--api-url", sim.baseUrl(), "--stack-id", "31337"));
        all.addAll(List.of(args));
        return cloud.cli().run(all.toArray(new String[0]));
    }

    private static String sha256(Path p) throws Exception {
        return new InMemoryScript("x", Files.readAllBytes(p)).sha256();
    }

    private RunRecord onlyRun() {
        List<RunRecord> runs = sim.journal().runs();
        assertEquals(String.valueOf(runs), 1, runs.size());
        return runs.get(0);
    }

    @Test
    public void helpListsTheFlags() {
        assertEquals(0, cloud.cli().run("--help"));
        for (String flag : List.of("--script FILE", "--test-name NAME", "--project-id N", "--note TEXT")) {
            assertThat(cloud.out(), containsString(flag));
        }
    }

    @Test
    public void aNewTestIsCreatedByNameStartedAndNoted() throws Exception {
        assertEquals(cloud.err(), 0, run("--script", script.toString()));

        List<UploadRecord> uploads = sim.journal().uploads();
        assertEquals(1, uploads.size());
        UploadRecord u = uploads.get(0);
        assertEquals("checkout", u.testName());
        assertTrue("created, not replaced", u.created());
        assertEquals(sha256(script), u.sha256());
        RunRecord run = onlyRun();
        assertEquals(u.testId(), run.testId());
        assertEquals(
                "Started by bin/k6cloud on ci-7 from " + script, sim.journal().noteOf(run.id()));
        assertThat(cloud.out(), containsString("Load test: \"checkout\" (id " + u.testId() + ") in project "));
        assertThat(cloud.out(), containsString("k6 Cloud verdict: PASSED"));
        assertThat(cloud.out() + cloud.err(), not(containsString("tok-script")));
        assertTrue(sim.journal().requests().stream().allMatch(e -> VirtualK6Cloud.isV6(e)));
        assertThat(sim.journal().runsLeftRunning(), empty());
    }

    @Test
    public void anExistingTestOfThatNameGetsTheScriptAndTheGivenNote() throws Exception {
        long existing = sim.addLoadTest("shop", Scenarios.thresholdsFail());

        assertEquals(cloud.err(), 99, run("--script", script.toString(), "--test-name", "shop", "--note", "nightly"));

        UploadRecord u = sim.journal().scriptOf(existing);
        assertNotNull("the script of the existing test was replaced", u);
        assertFalse(u.created());
        assertEquals(sha256(script), u.sha256());
        assertEquals(1, sim.journal().count(Endpoint.CREATE_TEST));
        assertEquals("nightly", sim.journal().noteOf(onlyRun().id()));
        assertEquals(existing, onlyRun().testId());
        assertThat(cloud.out(), containsString("Load test: \"shop\" (id " + existing + ")"));
    }

    @Test
    public void withATestIdItsScriptIsReplacedThenItStarts() throws Exception {
        long testId = sim.addLoadTest("by-id", Scenarios.passes());

        assertEquals(cloud.err(), 0, run("--test-id", String.valueOf(testId), "--script", script.toString()));

        assertEquals(sha256(script), sim.journal().scriptOf(testId).sha256());
        assertEquals(0, sim.journal().count(Endpoint.CREATE_TEST));
        assertEquals(testId, onlyRun().testId());
        assertThat(cloud.out(), containsString("Replacing the script of load test " + testId));
        assertThat(cloud.out(), containsString("Load test: \"by-id\" (id " + testId + ")"));
    }

    @Test
    public void aScriptTheApiRejectsIsAConfigurationErrorWithK6sMessageAndNoRun() throws Exception {
        Path binary = write("load/bad.js", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});

        assertEquals(cloud.err(), 104, run("--script", binary.toString()));

        assertThat(cloud.out(), containsString("k6 Cloud verdict: CONFIGURATION_ERROR"));
        assertThat(cloud.out(), containsString("Uploaded content must be a javascript text encoded in UTF-8"));
        assertThat(cloud.out(), containsString("no run was started"));
        assertEquals(0, sim.journal().count(Endpoint.START));
        assertTrue(sim.journal().runs().isEmpty());
    }

    @Test
    public void aScriptTooLargeNamesItsSize() throws Exception {
        sim.setMaxScriptBytes(10);
        assertEquals(cloud.err(), 104, run("--script", script.toString()));
        assertThat(cloud.out(), containsString("too large: it has " + Files.size(script) + " bytes"));
        assertTrue(sim.journal().runs().isEmpty());
    }

    @Test
    public void retriesFaultsOnTheNewEndpoints() throws Exception {
        sim.faults().inject(Endpoint.CREATE_TEST, Fault.startThenDrop());
        sim.faults().inject(Endpoint.SCRIPT, Fault.serverError(503));
        sim.faults().inject(Endpoint.NOTE, Fault.dropConnection());

        assertEquals(cloud.err(), 0, run("--script", script.toString()));

        assertEquals(
                "one load test of that name",
                1,
                sim.journal().uploads().stream().filter(UploadRecord::created).count());
        assertEquals(
                "the lost create met its own test and replaced its script",
                2,
                sim.journal().uploads().size());
        assertEquals(1, sim.journal().runs().size());
        assertNotNull(sim.journal().noteOf(onlyRun().id()));
    }

    @Test
    public void aNoteThatCannotBeSetIsAWarningNotAFailedRun() {
        sim.faults().inject(Endpoint.NOTE, Fault.notFound());
        assertEquals(cloud.err(), 0, run("--script", script.toString()));
        assertThat(
                cloud.err(),
                containsString(
                        "Warning: could not set the note of run " + onlyRun().id()));
        assertThat(cloud.out(), containsString("k6 Cloud verdict: PASSED"));
    }

    @Test
    public void aSignalDuringTheUploadStartsNothing() throws Exception {
        sim.faults().inject(Endpoint.CREATE_TEST, Fault.latency(Duration.ofMillis(1500)));
        K6CloudCli cli = cloud.cli();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> cli.run("--api-url", sim.baseUrl(), "--stack-id", "31337", "--script", script.toString()));
        assertTrue("the upload began", uploading.await(30, TimeUnit.SECONDS));
        cli.interrupt();
        assertEquals(Integer.valueOf(105), exit.get(30, TimeUnit.SECONDS));
        assertThat(cloud.out(), containsString("interrupted during the upload of the k6 script: no run was started"));
        assertEquals(0, sim.journal().count(Endpoint.START));
        assertTrue(sim.journal().runs().isEmpty());
    }

    @Test
    public void badInputIsAUsageErrorBeforeAnyRequest() throws Exception {
        Path dir = tmp.newFolder("load-dir").toPath();
        Path empty = write("load/empty.js", new byte[0]);
        String longName = "n".repeat(301);
        String[][] cases = {
            {"there is no such file", "--script", tmp.getRoot() + "/missing.js"},
            {"is a directory", "--script", dir.toString()},
            {"is empty", "--script", empty.toString()},
            {"at most 300", "--script", script.toString(), "--test-name", longName},
            {"choose --api-flavour v6", "--script", script.toString(), "--api-flavour", "v2"},
            {"give the script with --script", "--test-name", "x", "--test-id", "1"},
            {"give the script with --script", "--project-id", "5", "--test-id", "1"},
            {"give one of them", "--script", script.toString(), "--test-id", "1", "--test-name", "x"},
            {"is not a project id", "--script", script.toString(), "--project-id", "zero"},
            {"only its v6 API", "--test-id", "1", "--note", "x", "--api-flavour", "v2"},
        };
        for (String[] c : cases) {
            cloud.errBytes.reset();
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            assertEquals(String.join(" ", args), 2, run(args));
            assertThat(String.join(" ", args), cloud.err(), containsString(c[0]));
        }
        assertEquals(0, sim.journal().totalRequests());
    }

    @Test
    public void aNoteWithoutAScriptIsSetOnTheRunOfTheTestId() {
        long testId = sim.addLoadTest("by-hand", Scenarios.passes());
        assertEquals(
                cloud.err(),
                0,
                run("--api-flavour", "v6", "--test-id", String.valueOf(testId), "--note", "release 1.2"));
        assertEquals("release 1.2", sim.journal().noteOf(onlyRun().id()));
        assertTrue("nothing uploaded", sim.journal().uploads().isEmpty());
    }

    @Test
    public void theSimulatorPlaysAnUploadAndRun() {
        assertEquals(cloud.err(), 0, cloud.cli().run("--simulate", "upload-and-run"));
        List<UploadRecord> uploads = cloud.sim.journal().uploads();
        assertEquals(1, uploads.size());
        assertEquals("demo-script", uploads.get(0).testName());
        RunRecord run = cloud.sim.journal().runs().get(0);
        assertEquals(uploads.get(0).testId(), run.testId());
        assertThat(cloud.sim.journal().noteOf(run.id()), containsString("Started by bin/k6cloud on ci-7"));
        assertThat(cloud.out(), containsString("Load test: \"demo-script\""));
        assertThat(cloud.sim.journal().runsLeftRunning(), empty());
    }
}
