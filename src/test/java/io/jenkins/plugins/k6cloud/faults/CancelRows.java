package io.jenkins.plugins.k6cloud.faults;

import static io.jenkins.plugins.k6cloud.engine.Verdict.CANCELLED;
import static io.jenkins.plugins.k6cloud.engine.Verdict.PASSED;

import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.engine.InterceptingClient;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.RunWatch;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.Scenario;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.Timings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** The build aborted at every point of a run, once and twice in a row. */
final class CancelRows {
    static final String CATEGORY = "cancel";
    /** Runs 2 h unless stopped, so that only our stop can have ended it. */
    static final Scenario LONG_RUN =
            Scenarios.passes().withTimings(Timings.standard().withRunning(Duration.ofHours(2)));

    private CancelRows() {}

    private static FaultScenario row(String name, Verdict verdict, FaultScenario.Script script) {
        return FaultScenario.of(CATEGORY, name, verdict, script);
    }

    static List<FaultScenario> rows() {
        return List.of(
                row("before the start request is sent", CANCELLED, rig -> {
                    long testId = rig.test(Scenarios.passes());
                    RunWatch handle = rig.start(testId, rig.settings());
                    handle.cancel("the build was aborted");
                    RunOutcome o = rig.finish(handle);
                    rig.checkNoRequests();
                    return Played.of(o);
                }),
                row("before the start response", CANCELLED, rig -> duringStart(rig, false, 1)),
                row("before the start response, and the response is lost", CANCELLED, rig -> duringStart(rig, true, 1)),
                row("twice before the start response", CANCELLED, rig -> duringStart(rig, false, 2)),
                row(
                        "while looking for the run of a start whose answer was lost, the run appearing later",
                        CANCELLED,
                        CancelRows::duringTheLook),
                row("while queued", CANCELLED, rig -> atStatus(rig, 0, 1)),
                row("while initializing", CANCELLED, rig -> atStatus(rig, 1, 1)),
                row("while running", CANCELLED, rig -> atStatus(rig, 2, 1)),
                row("twice while queued", CANCELLED, rig -> atStatus(rig, 0, 2)),
                new FaultScenario(
                        CATEGORY,
                        "twice while running, the stop taking 5 minutes",
                        Expected.verdict(CANCELLED).within(Duration.ofMinutes(10)),
                        rig -> {
                            rig.stopDelay(Duration.ofMinutes(5));
                            return atStatus(rig, 2, 2);
                        }),
                row("while processing", CANCELLED, rig -> whileProcessing(rig, 1)),
                row("twice while processing", CANCELLED, rig -> whileProcessing(rig, 2)),
                row("after the end, twice", PASSED, rig -> {
                    long testId = rig.test(Scenarios.passes());
                    RunWatch handle = rig.start(testId, rig.settings());
                    RunOutcome o = rig.finish(handle);
                    handle.cancel("too late");
                    handle.cancel("much too late");
                    rig.scheduler.advance(Duration.ofMinutes(1));
                    rig.check(rig.stops() == 0, "a stop was sent for an ended run");
                    rig.check(rig.scheduler.pending() == 0, "the engine still has steps planned");
                    rig.check(handle.outcome().join() == o, "the outcome changed");
                    return Played.of(o);
                }));
    }

    /** The build is aborted {@code times} times while the start request is on its way. */
    private static Played duringStart(Rig rig, boolean answerLost, int times) {
        long testId = rig.test(Scenarios.passes());
        InterceptingClient client = new InterceptingClient(rig.client());
        AtomicReference<RunWatch> handle = new AtomicReference<>();
        InterceptingClient.Hook abort = () -> {
            for (int i = 0; i < times; i++) {
                handle.get().cancel("the build was aborted");
            }
        };
        if (answerLost) {
            rig.sim.faults().inject(Endpoint.START, Fault.startThenDrop());
            client.beforeStart = abort;
        } else {
            client.whileStarting = abort;
        }
        handle.set(rig.start(testId, rig.settings(), client));
        RunOutcome o = rig.finish(handle.get());
        rig.checkStops(1);
        rig.check(o.runId() != null && rig.sim.journal().run(o.runId()).stoppedByUs(), "the run was not stopped by us");
        return Played.of(o);
    }

    /**
     * The start's connection drops (no run yet), the build is aborted while the engine looks for the run, and k6 Cloud
     * creates it half a minute later: the look goes on and the run is stopped.
     */
    private static Played duringTheLook(Rig rig) throws K6CloudException {
        long testId = rig.test(LONG_RUN);
        rig.sim.faults().inject(Endpoint.START, Fault.dropConnection());
        RunWatch handle = rig.start(testId, rig.settings());
        rig.runUntil(() -> rig.sim.journal().count(Endpoint.LIST) >= 2, "the engine looked for the run");
        handle.cancel("the build was aborted");
        rig.scheduler.advance(Duration.ofSeconds(30));
        rig.check(!handle.outcome().isDone(), "the cancel was reported before the look was over");
        TestRun late = rig.client().startRun(testId); // k6 Cloud creating the run late
        RunOutcome o = rig.finish(handle);
        List<JournalEntry> stops = rig.sim
                .journal()
                .awaitRequests(e -> e.endpoint() == Endpoint.STOP && e.runId() != null, 1, Duration.ofSeconds(10));
        rig.check(
                rig.sim.journal().stopsFor(late.id()).size() == 1,
                "expected 1 stop request for run " + late.id() + ", saw " + stops);
        rig.check(Long.valueOf(late.id()).equals(o.runId()), "the late run was not the one stopped: " + o.runId());
        rig.check(rig.sim.journal().run(late.id()).stoppedByUs(), "the late run was not stopped by us");
        return Played.of(o);
    }

    /** The build is aborted {@code times} times once the engine has seen {@code runStatus}. */
    private static Played atStatus(Rig rig, int runStatus, int times) {
        long testId = rig.test(LONG_RUN);
        RunWatch handle = rig.start(testId, rig.settings());
        rig.runUntilStatus(handle, runStatus);
        handle.cancel("the build was aborted");
        rig.scheduler.runDue();
        rig.check(rig.stops() == 1, "the stop was not sent at once: " + rig.stops() + " stops");
        if (times == 2) {
            handle.cancel("the build was aborted again");
            rig.check(handle.outcome().isDone(), "a second cancel did not report at once");
        }
        RunOutcome o = rig.finish(handle);
        rig.check(rig.sim.journal().run(o.runId()).stoppedByUs(), "the run was not stopped by us");
        return Played.of(o);
    }

    private static Played whileProcessing(Rig rig, int times) {
        long testId = rig.test(Scenarios.passes());
        RunWatch handle = rig.start(testId, rig.settings());
        rig.runUntilProcessing(handle);
        for (int i = 0; i < times; i++) {
            handle.cancel("the build was aborted");
        }
        RunOutcome o = rig.finish(handle);
        rig.check(rig.stops() == 0, "a stop was sent for a run that had ended");
        return Played.of(o);
    }
}
