package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.Outcome;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/** A restart in the middle: the persisted state is enough to pick the same run up again. */
public class RunEngineResumeTest {
    @Rule
    public final EngineHarness h = new EngineHarness();

    private final RecordingListener before = new RecordingListener();
    private final RecordingListener after = new RecordingListener();

    private static WatchState roundTrip(WatchState s) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (WatchState) in.readObject();
        }
    }

    /** The old engine goes away with the "controller"; a new one resumes on a new scheduler. */
    private RunOutcome restartAndResume(WatchState saved, Duration downtime) {
        h.engine.close();
        h.clock.advance(downtime);
        VirtualScheduler scheduler = new VirtualScheduler(h.clock);
        try (RunEngine engine = new RunEngine(scheduler, h.clock)) {
            RunWatch handle = engine.resume(saved, h.newClient(), after);
            assertTrue(scheduler.runUntilDone(handle.outcome(), EngineHarness.LONG_ENOUGH));
            return handle.outcome().join();
        }
    }

    @Test
    public void resumesTheSameRunWithoutASecondStart() throws Exception {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = h.start(testId, h.settings(), before);
        h.untilRunning(handle);
        WatchState saved = roundTrip(before.lastState());
        assertEquals(WatchPhase.WATCHING, saved.phase());
        assertEquals(handle.state().runId(), saved.runId());

        RunOutcome o = restartAndResume(saved, Duration.ofSeconds(20));
        assertEquals(Verdict.PASSED, o.verdict());
        assertEquals(saved.runId(), o.runId());
        h.assertOneStart(testId);
        assertThat(after.linesContaining("again after a restart"), hasSize(1));
        assertTrue("the outcome counts from the first start", o.followedFor().getSeconds() >= 40);
    }

    @Test
    public void resumesWhileProcessing() throws Exception {
        long testId = h.test(Scenarios.of(Outcome.PROCESSING_LAGS));
        RunSettings settings = TestSettings.processingTimeout(h.settings(), Duration.ofMinutes(15));
        RunWatch handle = h.start(testId, settings, before);
        h.runUntil(() -> handle.state().phase() == WatchPhase.PROCESSING, "processing");
        WatchState saved = roundTrip(handle.state());
        assertNotNull(saved.endedSeenAtMillis());
        RunOutcome o = restartAndResume(saved, Duration.ofMinutes(1));
        assertEquals(Verdict.THRESHOLDS_FAILED, o.verdict());
        h.assertOneStart(testId);
    }

    @Test
    public void deadlinesSurviveTheRestart() throws Exception {
        long testId = h.longTest();
        RunWatch handle = h.start(testId, TestSettings.timeout(h.settings(), Duration.ofMinutes(5)), before);
        h.untilRunning(handle);
        WatchState saved = roundTrip(handle.state());
        RunOutcome o = restartAndResume(saved, Duration.ofMinutes(10));
        assertEquals(Verdict.TIMED_OUT, o.verdict());
        assertEquals(1, h.stops(1));
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    @Test
    public void aCancelRequestedBeforeTheRestartIsCarriedOut() throws Exception {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = h.start(testId, h.settings(), before);
        h.untilRunning(handle);
        handle.cancel("aborted");
        WatchState saved = roundTrip(handle.state());
        assertTrue(saved.cancelRequested());
        RunOutcome o = restartAndResume(saved, Duration.ofSeconds(1));
        assertEquals(Verdict.CANCELLED, o.verdict());
        assertEquals(1, h.stops(1));
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    @Test
    public void aStartInFlightAtTheRestartIsAdoptedNotRepeated() throws Exception {
        long testId = h.test(Scenarios.passes());
        WatchState saved = roundTrip(WatchState.beforeStart(testId, h.settings(), h.clock.millis()));
        TestRun created = h.client.startRun(testId); // the request that was in flight
        RunOutcome o = restartAndResume(saved, Duration.ofSeconds(5));
        assertEquals(Verdict.PASSED, o.verdict());
        assertEquals(Long.valueOf(created.id()), o.runId());
        h.assertOneStart(testId);
        assertThat(after.linesContaining("following run " + created.id()), hasSize(1));
    }

    @Test
    public void aStartInFlightAtTheRestartIsStoppedWhenCancelled() throws Exception {
        long testId = h.test(Scenarios.passes());
        WatchState saved = roundTrip(h.startInFlightWithACancel(testId));
        TestRun created = h.client.startRun(testId);
        RunOutcome o = restartAndResume(saved, Duration.ofSeconds(5));
        assertEquals(Verdict.CANCELLED, o.verdict());
        assertEquals(Long.valueOf(created.id()), o.runId());
        assertEquals(1, h.stops(1));
        h.assertOneStart(testId);
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    /** The state persisted in STOPPING, with or without k6 Cloud having accepted the stop. */
    private WatchState savedWhileStopping(boolean stopSent) throws Exception {
        return roundTrip(before.changes().stream()
                .filter(s -> s.stoppingFor() != null && s.stopSent() == stopSent)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no STOPPING state in " + before.changes())));
    }

    @Test
    public void aRestartAfterOurTimeoutsStopWasAcceptedKeepsTheTimeout() throws Exception {
        long testId = h.longTest();
        h.finish(h.start(testId, TestSettings.timeout(h.settings(), Duration.ofMinutes(5)), before));
        WatchState saved = savedWhileStopping(true);
        assertEquals(Verdict.TIMED_OUT, saved.stoppingFor());

        RunOutcome o = restartAndResume(saved, Duration.ofSeconds(30));
        assertEquals(Verdict.TIMED_OUT, o.verdict());
        assertThat(o.message(), containsString("timeout of this build"));
        assertThat("the end is awaited after the restart too", o.message(), containsString("After the stop it ended"));
        assertEquals("the stop is not sent again", 1, h.stops(1));
    }

    @Test
    public void aRestartBeforeTheStopForAnErrorStopsTheRunAndKeepsTheVerdict() throws Exception {
        long testId = h.longTest();
        RunWatch handle = h.start(testId, h.settings(), before);
        h.untilRunning(handle);
        h.sim.faults().inject(Endpoint.READ, Fault.unauthorized());
        h.finish(handle);
        WatchState saved = savedWhileStopping(false);
        assertEquals(Verdict.UNREACHABLE, saved.stoppingFor());

        RunOutcome o = restartAndResume(saved, Duration.ofSeconds(30));
        assertEquals(Verdict.UNREACHABLE, o.verdict());
        assertThat(o.message(), containsString("Could not follow k6 Cloud run " + saved.runId()));
        h.assertNothingLeftRunning(Duration.ZERO);
    }
}
