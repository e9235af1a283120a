package io.jenkins.plugins.k6cloud.faults;

import static io.jenkins.plugins.k6cloud.engine.Verdict.CANCELLED;
import static io.jenkins.plugins.k6cloud.engine.Verdict.PASSED;
import static io.jenkins.plugins.k6cloud.engine.Verdict.THRESHOLDS_FAILED;
import static io.jenkins.plugins.k6cloud.engine.Verdict.TIMED_OUT;
import static io.jenkins.plugins.k6cloud.engine.Verdict.UNREACHABLE;

import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.engine.RunWatch;
import io.jenkins.plugins.k6cloud.engine.TestSettings;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import io.jenkins.plugins.k6cloud.engine.VirtualScheduler;
import io.jenkins.plugins.k6cloud.engine.WatchPhase;
import io.jenkins.plugins.k6cloud.engine.WatchState;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.Timings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;

/**
 * A controller restart at each phase: the persisted {@link WatchState} is written with {@link ObjectOutputStream}, the
 * engine closed, and a new engine with a new client resumes from the bytes; also with a cancel pending, a start in
 * flight, and deadlines that passed meanwhile.
 */
final class ResumeRows {
    static final String CATEGORY = "resume";

    private ResumeRows() {}

    static List<FaultScenario> rows() {
        return List.of(
                row("while queued", PASSED, rig -> atStatus(rig, 0, false, 1)),
                row("while initializing", PASSED, rig -> atStatus(rig, 1, false, 2)),
                row("while running", PASSED, rig -> atStatus(rig, 2, false, 10)),
                row("while processing (thresholds fail)", THRESHOLDS_FAILED, ResumeRows::whileProcessing),
                row("the run ended during the restart", PASSED, rig -> atStatus(rig, 2, false, 180)),
                row("our timeout passed during the restart", TIMED_OUT, ResumeRows::timeoutDuringRestart),
                row("with a cancel pending while queued", CANCELLED, rig -> atStatus(rig, 0, true, 1)),
                row("with a cancel pending while running", CANCELLED, rig -> atStatus(rig, 2, true, 5)),
                row("with a cancel pending and the stop already sent", CANCELLED, ResumeRows::stopAlreadySent),
                row("with the start in flight (the run was created)", PASSED, rig -> startInFlight(rig, true, false)),
                row("with the start in flight and a cancel pending", CANCELLED, rig -> startInFlight(rig, true, true)),
                row(
                        "with the start in flight that never arrived",
                        UNREACHABLE,
                        rig -> startInFlight(rig, false, false)));
    }

    private static FaultScenario row(String name, Verdict verdict, FaultScenario.Script script) {
        return FaultScenario.of(CATEGORY, name, verdict, script);
    }

    static WatchState roundTrip(WatchState s) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (WatchState) in.readObject();
        }
    }

    /** The controller goes down for {@code downtime}; a new engine and client resume from the saved bytes. */
    static RunOutcome restartAndResume(Rig rig, WatchState saved, Duration downtime) throws Exception {
        WatchState restored = roundTrip(saved);
        rig.engine.close();
        rig.clock.advance(downtime);
        rig.scheduler = new VirtualScheduler(rig.clock);
        rig.engine = new RunEngine(rig.scheduler, rig.clock);
        RunWatch resumed = rig.engine.resume(restored, rig.client(), rig.console);
        return rig.finish(resumed);
    }

    /** A passing run, the controller down for {@code downtime} seconds once the engine has seen {@code runStatus}. */
    private static Played atStatus(Rig rig, int runStatus, boolean cancel, long downtime) throws Exception {
        long testId = rig.test(Scenarios.passes());
        RunWatch handle = rig.start(testId, rig.settings());
        rig.runUntilStatus(handle, runStatus);
        WatchState saved = rig.console.lastPersisted();
        if (cancel) {
            handle.cancel("the build was aborted");
            saved = handle.state(); // the step persists the cancel before the engine acts on it
            rig.check(saved.cancelRequested(), "the state does not carry the cancel");
        }
        rig.check(saved.runId() != null, "the persisted state has no run id");
        RunOutcome o = restartAndResume(rig, saved, Duration.ofSeconds(downtime));
        rig.check(o.runId() != null && o.runId().equals(saved.runId()), "a different run was followed: " + o.runId());
        if (cancel) {
            rig.checkStops(1);
        }
        return Played.of(o);
    }

    private static Played whileProcessing(Rig rig) throws Exception {
        long testId = rig.test(Scenarios.thresholdsFail());
        RunWatch handle = rig.start(testId, rig.settings());
        rig.runUntilProcessing(handle);
        WatchState saved = rig.console.lastPersisted();
        rig.check(saved.endedSeenAtMillis() != null, "the state does not say when the run ended");
        return Played.of(restartAndResume(rig, saved, Duration.ofSeconds(2)));
    }

    private static Played timeoutDuringRestart(Rig rig) throws Exception {
        long testId = rig.test(Scenarios.passes().withTimings(Timings.standard().withRunning(Duration.ofHours(2))));
        RunWatch handle = rig.start(testId, TestSettings.timeout(rig.settings(), Duration.ofMinutes(2)));
        rig.runUntilStatus(handle, 2);
        RunOutcome o = restartAndResume(rig, rig.console.lastPersisted(), Duration.ofMinutes(3));
        rig.checkStops(1);
        return Played.of(o);
    }

    /** Cancelled while running, the stop accepted (the run takes a minute to stop), then the restart. */
    private static Played stopAlreadySent(Rig rig) throws Exception {
        rig.stopDelay(Duration.ofMinutes(1));
        long testId = rig.test(CancelRows.LONG_RUN);
        RunWatch handle = rig.start(testId, rig.settings());
        rig.runUntilStatus(handle, 2);
        handle.cancel("the build was aborted");
        rig.scheduler.runDue();
        WatchState saved = rig.console.lastPersisted();
        rig.check(saved.stopSent() && saved.cancelRequested(), "the state does not say the stop was sent: " + saved);
        RunOutcome o = restartAndResume(rig, saved, Duration.ofSeconds(5));
        rig.check(rig.sim.journal().run(o.runId()).stoppedByUs(), "the run was not stopped by us");
        return Played.of(o);
    }

    /**
     * The controller went down with the start request on its way: the state has no run id. Either
     * the request reached k6 Cloud (a run exists) or it did not; the new engine must not start another.
     */
    private static Played startInFlight(Rig rig, boolean reached, boolean cancel) throws Exception {
        long testId = rig.test(Scenarios.passes());
        RunSettings settings = rig.settings();
        long now = rig.clock.millis();
        Long cancelAt = cancel ? now : null;
        WatchState saved = new WatchState(
                testId, null, settings, now, null, null, WatchPhase.STARTING, null, cancelAt, null, null, null, now);
        TestRun created = reached ? rig.client().startRun(testId) : null;
        RunOutcome o = restartAndResume(rig, saved, Duration.ofSeconds(5));
        if (reached) {
            rig.check(
                    o.runId() != null && o.runId() == created.id(), "the run in flight was not adopted: " + o.runId());
        } else {
            rig.check(rig.sim.journal().startsFor(testId).isEmpty(), "a start was sent after the restart");
        }
        if (cancel) {
            rig.checkStops(1);
        }
        return Played.of(o);
    }
}
