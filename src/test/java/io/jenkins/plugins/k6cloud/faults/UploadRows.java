package io.jenkins.plugins.k6cloud.faults;

import static io.jenkins.plugins.k6cloud.engine.Verdict.CANCELLED;
import static io.jenkins.plugins.k6cloud.engine.Verdict.CONFIGURATION_ERROR;
import static io.jenkins.plugins.k6cloud.engine.Verdict.PASSED;
import static io.jenkins.plugins.k6cloud.engine.Verdict.UNREACHABLE;

import hudson.model.Result;
import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import io.jenkins.plugins.k6cloud.cli.K6CloudCli;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import io.jenkins.plugins.k6cloud.pipeline.StepPlay;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.RunRecord;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.UploadRecord;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import io.jenkins.plugins.k6cloud.testing.LineLatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/**
 * Tests as code through the command-line runner ({@code --script}, v6): faults on each upload request, the 409 race of
 * two runners, scripts k6 Cloud refuses, an abort during the upload (also of the {@code k6CloudRun} step), and bad
 * scripts.
 */
final class UploadRows {
    static final String CATEGORY = "upload (command line)";
    static final String NAME = "checkout";
    private static final Endpoint CREATE = Endpoint.CREATE_TEST;
    static final byte[] SCRIPT = ("import http from 'k6/http';\n"
                    + "export default function () { http.get('https://test.k6.io'); }\n")
            .getBytes(StandardCharsets.UTF_8);

    private UploadRows() {}

    static List<FaultScenario> rows() {
        List<FaultScenario> rows = new ArrayList<>();
        rows.add(row("a new load test: created, started, noted", PASSED, rig -> {
            Played p = upload(rig);
            rig.check(
                    created(rig) == 1,
                    "expected 1 load test created: " + rig.sim.journal().uploads());
            return p;
        }));
        rows.add(row("a load test of that name exists (409): its script replaced", PASSED, rig -> {
            long existing = existing(rig);
            Played p = upload(rig);
            rig.check(rig.sim.journal().scriptOf(existing) != null, "the existing test kept its script");
            rig.check(created(rig) == 0, "a second test was created");
            return p;
        }));
        rows.add(row("--test-id: its script replaced", PASSED, rig -> {
            long testId = rig.test(Scenarios.passes());
            Played p = upload(rig, "--test-id", String.valueOf(testId));
            rig.check(rig.sim.journal().scriptOf(testId) != null, "the script was not replaced");
            return p;
        }));
        rows.add(faulted("default project: connection dropped", Endpoint.TOKEN, 1, Fault.dropConnection(), PASSED));
        rows.add(faulted("create: answer lost, the test created", CREATE, 1, Fault.startThenDrop(), PASSED));
        rows.add(faulted("create: 503 twice", CREATE, 2, Fault.serverError(503), PASSED));
        rows.add(faulted("create: 429 with Retry-After", CREATE, 1, Fault.rateLimited(Duration.ofSeconds(3)), PASSED));
        rows.add(faulted("create: malformed JSON", CREATE, 1, Fault.malformedJson(), PASSED));
        rows.add(replaced("script: connection dropped", 1, Fault.dropConnection(), PASSED));
        rows.add(replaced("script: 502 past the retries", 20, Fault.badGateway(), UNREACHABLE));
        rows.add(faulted("create: token revoked (401)", CREATE, 1, Fault.unauthorized(), CONFIGURATION_ERROR));
        // the client does not read again after a 2xx it cannot read; the upload ends, nothing started (exit 98)
        rows.add(row("find by name: malformed JSON after the 409", UNREACHABLE, rig -> {
            existing(rig);
            rig.sim.faults().inject(Endpoint.FIND_TEST, Fault.malformedJson());
            return upload(rig);
        }));
        rows.add(row("note: 500 past the retries (a warning, the run goes on)", PASSED, rig -> {
            rig.sim.faults().inject(Endpoint.NOTE, 20, Fault.serverError(500));
            Played p = upload(rig);
            rig.check(p.message().contains("Warning: could not set the note"), "no warning about the note");
            return p;
        }));
        rows.add(FaultScenario.of(CATEGORY, "409 race: two runners upload the same name at once", PASSED, rig -> {
            Played p = race(rig);
            judgeUploaded(rig, p, false);
            return p;
        }));
        rows.add(row("a script k6 Cloud rejects (400, k6's message)", CONFIGURATION_ERROR, rig -> {
            Path bad = rig.file("load/" + NAME + ".js", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
            Played p = upload(rig, bad);
            rig.check(
                    p.message().contains("Uploaded content must be a javascript text encoded in UTF-8"),
                    "k6's message is not quoted: " + p.message());
            return p;
        }));
        rows.add(row("a script too large (413)", CONFIGURATION_ERROR, rig -> {
            rig.sim.setMaxScriptBytes(16);
            Played p = upload(rig);
            rig.check(p.message().contains(SCRIPT.length + " bytes"), "the size is not named: " + p.message());
            return p;
        }));
        rows.add(row("abort (signal) during the upload", CANCELLED, rig -> abortDuringUpload(rig, true)));
        rows.add(row("abort (thread interrupted) during the upload", CANCELLED, rig -> abortDuringUpload(rig, false)));
        rows.add(FaultScenario.of(
                "upload (k6CloudRun)",
                "abort during the upload of the step's script",
                CANCELLED,
                UploadRows::abortStepDuringUpload));
        rows.add(rejected(
                "script: no such file", rig -> rig.file("x/placeholder", SCRIPT).resolveSibling("none.js")));
        rows.add(rejected(
                "script: a directory", rig -> rig.file("dir/a.js", SCRIPT).getParent()));
        rows.add(rejected("script: empty", rig -> rig.file("load/empty.js", new byte[0])));
        rows.add(FaultScenario.rejected(CATEGORY, "test name of 301 characters", rig -> {
            Path script = rig.file("load/" + NAME + ".js", SCRIPT);
            return BadInputRows.cli(rig, env(rig), args(rig, script, "--test-name", "n".repeat(301)));
        }));
        rows.add(FaultScenario.rejected(CATEGORY, "--script with --api-flavour v2", rig -> {
            Path script = rig.file("load/" + NAME + ".js", SCRIPT);
            Played p = BadInputRows.cli(rig, env(rig), args(rig, script, "--api-flavour", "v2"));
            rig.check(p.message().contains("choose --api-flavour v6"), "the message does not say to choose v6");
            return p;
        }));
        return rows;
    }

    private interface ScriptFile {
        Path in(Rig rig) throws Exception;
    }

    private static FaultScenario rejected(String name, ScriptFile file) {
        return FaultScenario.rejected(CATEGORY, name, rig -> BadInputRows.cli(rig, env(rig), args(rig, file.in(rig))));
    }

    private static FaultScenario row(String name, Verdict v, FaultScenario.Script s) {
        return FaultScenario.of(CATEGORY, name, v, rig -> {
            Played p = s.play(rig);
            judgeUploaded(rig, p, true);
            return p;
        });
    }

    private static FaultScenario faulted(String name, Endpoint endpoint, int count, Fault fault, Verdict v) {
        return row(name, v, rig -> {
            rig.sim.faults().inject(endpoint, count, fault);
            return upload(rig);
        });
    }

    /** A fault on the replacement of the script of the load test of that name, which exists. */
    private static FaultScenario replaced(String name, int count, Fault fault, Verdict v) {
        return row(name, v, rig -> {
            long existing = existing(rig);
            rig.sim.faults().inject(Endpoint.SCRIPT, count, fault);
            Played p = upload(rig);
            rig.check(
                    rig.sim
                                    .journal()
                                    .requests(e -> e.endpoint() == Endpoint.SCRIPT)
                                    .size()
                            > 1,
                    "the script was not sent again after the fault");
            rig.check(
                    (rig.sim.journal().scriptOf(existing) != null) == (v == PASSED),
                    "the script of the existing test: " + rig.sim.journal().scriptOf(existing));
            return p;
        });
    }

    private static Map<String, String> env(Rig rig) {
        return Map.of(K6CloudDefaults.TOKEN_VARIABLE, rig.token, "HOSTNAME", "ci-7");
    }

    private static String[] args(Rig rig, Path script, String... more) {
        List<String> all = new ArrayList<>(List.of(
                "--api-url",
                rig.sim.baseUrl(),
                "--stack-id",
                String.valueOf(rig.sim.stackId()),
                "--script",
                script.toString()));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    private static Played upload(Rig rig, String... more) throws Exception {
        return upload(rig, rig.file("load/" + NAME + ".js", SCRIPT), more);
    }

    private static Played upload(Rig rig, Path script, String... more) {
        return BadInputRows.cli(rig, env(rig), args(rig, script, more));
    }

    /** A load test named {@value #NAME} made beforehand (as by an earlier build). */
    private static long existing(Rig rig) {
        long id = rig.sim.addLoadTest(NAME, Scenarios.passes());
        rig.testIds.add(id);
        return id;
    }

    private static long created(Rig rig) {
        return rig.sim.journal().uploads().stream()
                .filter(UploadRecord::created)
                .count();
    }

    /**
     * What every upload row must show: no run without a script accepted, the note on the run of a passed one, and the
     * tests the uploads created checked for duplicate starts.
     */
    private static void judgeUploaded(Rig rig, Played p, boolean oneRunPerTest) {
        if (oneRunPerTest) {
            rig.sim.journal().uploads().stream()
                    .map(UploadRecord::testId)
                    .distinct()
                    .filter(id -> !rig.testIds.contains(id))
                    .forEach(rig.testIds::add);
        }
        List<RunRecord> runs = rig.sim.journal().runs();
        if (PASSED.name().equals(p.verdict())) {
            rig.check(!rig.sim.journal().uploads().isEmpty(), "a run passed without an upload");
            for (RunRecord r : runs) {
                boolean warned = p.message().contains("could not set the note of run " + r.id());
                String note = rig.sim.journal().noteOf(r.id());
                rig.check(
                        warned || (note != null && note.startsWith("Started by bin/k6cloud on ci-7 from ")),
                        "run " + r.id() + " has note " + note);
            }
        } else {
            rig.check(runs.isEmpty(), "a failed or aborted upload started runs: " + runs);
        }
    }

    /**
     * Two runners upload {@value #NAME} at the same time (the creates held together by a latency fault): one creates
     * the test, the other gets 409, finds it and replaces its script; each starts one run of the one test.
     */
    private static Played race(Rig rig) throws Exception {
        rig.sim.faults().inject(Endpoint.CREATE_TEST, 2, Fault.latency(Duration.ofMillis(200)));
        Path script = rig.file("load/" + NAME + ".js", SCRIPT);
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(
                () -> BadInputRows.cli(rig, env(rig), out2, err2).run(args(rig, script)));
        Played first = upload(rig, script);
        Played other = BadInputRows.played(rig, second.get(20, TimeUnit.SECONDS), out2, err2);
        rig.check(other.verdict().equals(first.verdict()), "the other runner ended " + other.verdict());
        rig.check(
                created(rig) == 1,
                "expected 1 load test created: " + rig.sim.journal().uploads());
        List<RunRecord> runs = rig.sim.journal().runs();
        rig.check(
                runs.size() == 2 && runs.get(0).testId() == runs.get(1).testId(),
                "expected one run per runner of the one test: " + runs);
        long accepted = runs.isEmpty()
                ? 0
                : rig.sim.journal().startsFor(runs.get(0).testId()).stream()
                        .filter(e -> e.answered() && e.status() >= 200 && e.status() <= 299)
                        .count();
        // two runs of the one test are expected here (one per runner), so it is checked here, not by the judge
        rig.check(accepted == 2, "expected 2 accepted starts, one per runner, saw " + accepted);
        return new Played(
                first.verdict(),
                first.buildResult(),
                first.message() + other.message(),
                List.of(first.message(), other.message()));
    }

    /**
     * The Pipeline step aborted while its script's create is held by a latency fault: the step ends with the abort at
     * once, the abort interrupts the upload on the plugin's thread (it ends with the call in flight, sends nothing
     * more), and nothing is started or saved (so a restart cannot start it either).
     */
    private static Played abortStepDuringUpload(Rig rig) throws Exception {
        rig.sim.faults().inject(Endpoint.CREATE_TEST, Fault.latency(Duration.ofMillis(800)));
        // an upload that went on after the abort would take longer than PROMPT to send its script
        rig.sim.faults().inject(Endpoint.SCRIPT, Fault.latency(PROMPT.plusSeconds(1)));
        Path script = rig.file("load/" + NAME + ".js", SCRIPT);
        StepPlay step = new StepPlay(
                new RunConfig.Options(null, null, null, null, true)
                        .withWorkspaceFiles("load/" + NAME + ".js", null, null, null, null),
                new RunConfig.Connection(ApiFlavour.V6, rig.sim.baseUrl(), rig.sim.stackId(), "k6-token"),
                rig.settings(),
                rig.client(ApiFlavour.V6, rig.sim.uri(), rig.token, rig.sim.stackId()),
                rig.engine,
                rig.clock,
                script.getParent().getParent());
        Duration bound = Duration.ofSeconds(20);
        rig.check(step.awaitLog("Uploading k6 script", bound), "the upload never began");
        FlowInterruptedException abort = new FlowInterruptedException(Result.ABORTED, true);
        step.stop(abort);
        Throwable failure = step.failure(bound);
        Duration upload = step.awaitPreparation(bound);
        rig.said(step.log());
        rig.check(failure == abort, "the step did not end with the abort: " + failure);
        rig.check(upload.compareTo(PROMPT) < 0, "the upload went on for " + upload + " after the abort");
        rig.check(rig.sim.journal().count(Endpoint.SCRIPT) == 0, "the script was sent after the abort");
        rig.check(!step.log().contains("Uploaded the k6 script"), "the console says the script was uploaded");
        rig.check(step.endings() == 1, "the step ended " + step.endings() + " times");
        rig.check(step.saves() == 0, "the step saved a state to resume");
        rig.check(rig.sim.journal().count(Endpoint.START) == 0, "a start was sent");
        rig.check(!step.log().contains(" started for load test"), "the console says a run started");
        return new Played(
                CANCELLED.name(),
                CANCELLED.buildResult(BuildResult.FAILURE),
                "aborted during the upload: no run was started",
                List.of(step.log(), String.valueOf(failure)));
    }

    /** How soon an abort of the step ends its upload: the call in flight (the create, held 800 ms) is the last. */
    private static final Duration PROMPT = Duration.ofSeconds(5);

    /** An abort while the create is held by a latency fault: the runner exits 105 and starts nothing. */
    private static Played abortDuringUpload(Rig rig, boolean signal) throws Exception {
        rig.sim.faults().inject(Endpoint.CREATE_TEST, Fault.latency(Duration.ofMillis(800)));
        Path script = rig.file("load/" + NAME + ".js", SCRIPT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineLatch lines = new LineLatch(out, "Uploading k6 script ");
        CountDownLatch uploading = lines.latch;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        K6CloudCli cli = BadInputRows.cli(rig, env(rig), lines, err);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread runner = new Thread(() -> exit.complete(cli.run(args(rig, script))), "k6-faults-cli-runner");
        runner.start();
        try {
            rig.check(uploading.await(10, TimeUnit.SECONDS), "the upload never began");
            if (signal) {
                cli.interrupt();
            } else {
                runner.interrupt();
            }
            Played p = BadInputRows.played(rig, exit.get(20, TimeUnit.SECONDS), out, err);
            rig.check(rig.sim.journal().count(Endpoint.START) == 0, "a start was sent");
            rig.check(p.message().contains("no run was started"), "the runner does not say no run was started");
            return p;
        } finally {
            runner.join(10_000);
        }
    }
}
