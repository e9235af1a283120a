package io.jenkins.plugins.k6cloud.faults;

import static io.jenkins.plugins.k6cloud.engine.Verdict.CANCELLED;
import static io.jenkins.plugins.k6cloud.engine.Verdict.CONFIGURATION_ERROR;
import static io.jenkins.plugins.k6cloud.engine.Verdict.PASSED;
import static io.jenkins.plugins.k6cloud.engine.Verdict.TIMED_OUT;
import static io.jenkins.plugins.k6cloud.engine.Verdict.UNREACHABLE;

import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.engine.RunWatch;
import io.jenkins.plugins.k6cloud.engine.TestSettings;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.FaultPlan;
import io.jenkins.plugins.k6cloud.simulator.Scenario;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.Timings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * API faults at each phase of a run: what k6 Cloud (or the network) can do wrong at the start, while the run is queued,
 * running or processing, and to the stop of an aborted build; then the stop's own troubles and a token revoked for
 * good.
 */
final class ApiFaultRows {
    static final String CATEGORY = "api fault";
    static final Duration SLOW = Duration.ofMillis(700);
    static final Duration READ_TIMEOUT = Duration.ofMillis(250);

    private ApiFaultRows() {}

    private static FaultScenario row(String name, Verdict verdict, FaultScenario.Script script) {
        return FaultScenario.of(CATEGORY, name, verdict, script);
    }

    /** A fault of one kind, and the verdict it must lead to at START, QUEUED, RUNNING, PROCESSING, STOP. */
    private record Kind(String name, BiConsumer<FaultPlan, Endpoint> arm, Consumer<Rig> prepare, Verdict[] verdicts) {}

    private static Verdict[] verdicts(Verdict... v) {
        return v;
    }

    static List<FaultScenario> rows() {
        List<Kind> kinds = List.of(
                // At start, a dropped connection or a 502 may come after k6 Cloud created the run: the start is
                // never sent again (the lead's decision, see Retrier.start); no run appears, so the build fails
                // safe (UNREACHABLE) saying where to look. These rows used to expect a resend and a pass.
                new Kind(
                        "dropped connection (twice)",
                        (p, e) -> p.inject(e, 2, Fault.dropConnection()),
                        r -> {},
                        verdicts(UNREACHABLE, PASSED, PASSED, PASSED, CANCELLED)),
                new Kind(
                        "429 with Retry-After 20s",
                        (p, e) -> p.inject(e, Fault.rateLimited(Duration.ofSeconds(20))),
                        r -> {},
                        verdicts(PASSED, PASSED, PASSED, PASSED, CANCELLED)),
                new Kind(
                        "502 with an HTML body (twice)",
                        (p, e) -> p.inject(e, 2, Fault.badGateway()),
                        r -> {},
                        verdicts(UNREACHABLE, PASSED, PASSED, PASSED, CANCELLED)),
                new Kind(
                        "503 with an HTML body (6 times, past the client's retries)",
                        (p, e) -> p.inject(e, 6, Fault.serverError(503)),
                        r -> {},
                        verdicts(UNREACHABLE, PASSED, PASSED, PASSED, CANCELLED)),
                // One malformed 2xx on a read is taken for a truncated proxy answer and read again within the
                // error budget (it used to end the build UNREACHABLE); at start it means accepted: look, don't resend.
                new Kind(
                        "200 with malformed JSON",
                        (p, e) -> p.inject(e, Fault.malformedJson()),
                        r -> {},
                        verdicts(PASSED, PASSED, PASSED, PASSED, CANCELLED)),
                new Kind(
                        "answer slower than the 250 ms read timeout",
                        (p, e) -> p.inject(e, Fault.latency(SLOW)),
                        r -> r.shortTimeouts(READ_TIMEOUT),
                        verdicts(PASSED, PASSED, PASSED, PASSED, CANCELLED)),
                new Kind(
                        "401 for the right token (wrong token mid-run)",
                        (p, e) -> p.inject(e, Fault.unauthorized()),
                        r -> {},
                        verdicts(CONFIGURATION_ERROR, UNREACHABLE, UNREACHABLE, UNREACHABLE, null)));
        List<FaultScenario> rows = new ArrayList<>();
        for (Kind k : kinds) {
            for (Phase phase : Phase.values()) {
                Verdict v = k.verdicts()[phase.ordinal()];
                if (v != null) {
                    rows.add(row(k.name() + " at " + phase.label(), v, rig -> faultAt(rig, phase, k)));
                }
            }
        }
        rows.addAll(stopAndTokenRows());
        return rows;
    }

    /** A passing run with the fault armed at {@code phase}; at STOP, the build is aborted while it runs. */
    private static Played faultAt(Rig rig, Phase phase, Kind kind) {
        kind.prepare().accept(rig);
        long testId = rig.test(Scenarios.passes());
        if (phase == Phase.START) {
            kind.arm().accept(rig.sim.faults(), Endpoint.START);
        }
        RunWatch handle = rig.start(testId, rig.settings());
        if (phase == Phase.START && kind.name().startsWith("answer slower")) {
            // The start times out for real, but the simulator creates the run only once its (real) latency has
            // passed, while the engine's next look comes in virtual time: run the start step, then wait for the
            // simulator to have answered the start before moving virtual time on, so that the look finds the run.
            rig.scheduler.runDue();
            rig.sim
                    .journal()
                    .awaitRequest(e -> e.endpoint() == Endpoint.START && e.fault() != null, Duration.ofSeconds(10));
        }
        phase.reach(rig, handle);
        if (phase != Phase.START) {
            kind.arm().accept(rig.sim.faults(), phase.endpoint());
        }
        if (phase == Phase.STOP) {
            handle.cancel("the build was aborted");
        }
        RunOutcome o = rig.finish(handle);
        boolean startGivenUp = phase == Phase.START && o.runId() == null;
        rig.check(
                startGivenUp || rig.sim.faults().pending(phase.endpoint()) == 0,
                "the fault was not met: " + rig.sim.faults().pending(phase.endpoint()) + " armed faults left");
        try {
            // a slow answer is journaled only once the server has slept and handled it (a start may create a run then)
            rig.sim.journal().awaitRequest(e -> e.fault() != null, Duration.ofSeconds(5));
        } catch (AssertionError e) {
            rig.check(false, "no request suffered the fault");
        }
        if (phase == Phase.STOP) {
            rig.check(
                    o.runId() != null && rig.sim.journal().run(o.runId()).stoppedByUs(),
                    "the run was not stopped by the build: " + o.runId());
        }
        return Played.of(o);
    }

    private static Scenario longRun() {
        return Scenarios.passes().withTimings(Timings.standard().withRunning(Duration.ofHours(2)));
    }

    private static List<FaultScenario> stopAndTokenRows() {
        return List.of(
                row("start answer lost (run created, connection closed)", PASSED, rig -> {
                    long testId = rig.test(Scenarios.passes());
                    rig.sim.faults().inject(Endpoint.START, Fault.startThenDrop());
                    return Played.of(rig.finish(rig.start(testId, rig.settings())));
                }),
                row(
                        "stop fails 6 times (502) at cancel, then works",
                        CANCELLED,
                        rig -> stopTrouble(rig, Fault.badGateway(), 6, true)),
                row(
                        "stop fails 6 times (502) at our timeout, then works",
                        TIMED_OUT,
                        rig -> stopTrouble(rig, Fault.badGateway(), 6, false)),
                row(
                        "stop races the natural end, at cancel",
                        CANCELLED,
                        rig -> stopTrouble(rig, Fault.stopRacesFinish(), 1, true)),
                row(
                        "stop races the natural end, at our timeout",
                        TIMED_OUT,
                        rig -> stopTrouble(rig, Fault.stopRacesFinish(), 1, false)),
                row(
                        "502 past the error budget while running",
                        UNREACHABLE,
                        rig -> pastTheBudget(rig, Fault.badGateway(), 2)),
                row(
                        "connection dropped past the error budget while queued",
                        UNREACHABLE,
                        rig -> pastTheBudget(rig, Fault.dropConnection(), 0)),
                row("token revoked for good while running", UNREACHABLE, rig -> revoked(rig, false)),
                row("token revoked for good, at stop", CANCELLED, rig -> revoked(rig, true)));
    }

    /** A run that would go on for 2 h; the build is aborted (or our 2 min timeout passes) and the stop suffers. */
    private static Played stopTrouble(Rig rig, Fault fault, int times, boolean cancel) {
        long testId = rig.test(longRun());
        RunSettings settings = TestSettings.timeout(rig.settings(), Duration.ofMinutes(2));
        RunWatch handle = rig.start(testId, settings);
        rig.runUntilStatus(handle, 2);
        rig.sim.faults().inject(Endpoint.STOP, times, fault);
        if (cancel) {
            handle.cancel("the build was aborted");
        }
        RunOutcome o = rig.finish(handle);
        rig.check(rig.sim.faults().pending(Endpoint.STOP) == 0, "not every armed stop fault was met");
        return Played.of(o);
    }

    /** Every read fails from {@code runStatus} on; the engine gives up after 3 in a row and stops the run. */
    private static Played pastTheBudget(Rig rig, Fault fault, int runStatus) {
        long testId = rig.test(longRun());
        RunWatch handle = rig.start(testId, TestSettings.errorBudget(rig.settings(), Duration.ofMinutes(5), 3));
        rig.runUntilStatus(handle, runStatus);
        rig.sim.faults().inject(Endpoint.READ, 100, fault);
        RunOutcome o = rig.finish(handle);
        rig.checkStops(1);
        return Played.of(o);
    }

    /**
     * The token is revoked in k6 Cloud while the run goes on: nobody holding it can stop the run any more, so the build
     * must say so and point to the run.
     */
    private static Played revoked(Rig rig, boolean atStop) {
        long testId = rig.test(longRun());
        RunWatch handle = rig.start(testId, rig.settings());
        rig.runUntilStatus(handle, 2);
        rig.sim.revokeToken(rig.token);
        rig.expectUnstoppableRun();
        if (atStop) {
            handle.cancel("the build was aborted");
        }
        return Played.of(rig.finish(handle));
    }
}
