package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * The build is aborted while the engine looks for the run that a start whose outcome is unknown may
 * have created: the look goes on until its window has passed, and a run that appears meanwhile is
 * stopped, also after a second cancel (which reports at once) and after a restart.
 */
public class CancelDuringLateRunLookTest {
    /** Past the end of the look, which ends 3 min ({@link RunAdoption#START_CALL_MILLIS}) after the start was sent. */
    private static final Duration PAST_THE_WINDOW = Duration.ofMinutes(4);

    @Rule
    public final EngineHarness h = new EngineHarness();

    private final RecordingListener listener = new RecordingListener();

    /** A start whose connection drops (no run created): the engine is looking for the run. */
    private RunWatch startLooking(long testId, RunSettings settings) {
        h.sim.faults().inject(Endpoint.START, Fault.dropConnection());
        RunWatch handle = h.start(testId, settings, listener);
        h.runUntil(() -> h.sim.journal().count(Endpoint.LIST) >= 2, "the engine looked again");
        return handle;
    }

    private long stopsOf(TestRun run) {
        return h.count(
                e -> e.endpoint() == Endpoint.STOP && Long.valueOf(run.id()).equals(e.runId()), 1);
    }

    @Test
    public void aRunThatAppearsAfterTheCancelIsStopped() throws Exception {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = startLooking(testId, h.settings());
        handle.cancel("aborted by user");
        h.scheduler.advance(Duration.ofSeconds(30));
        assertFalse(
                "reported before the look was over: " + handle.outcome().getNow(null),
                handle.outcome().isDone());
        assertThat(listener.linesContaining("looking on until"), hasSize(1));

        TestRun late = h.client.startRun(testId); // k6 Cloud creating the run late
        RunOutcome o = h.finish(handle);

        assertEquals(Verdict.CANCELLED, o.verdict());
        assertEquals(BuildResult.ABORTED, o.buildResult());
        assertEquals(Long.valueOf(late.id()), o.runId());
        assertThat(o.message(), containsString("was stopped and ended as Aborted (by user)"));
        assertEquals(1, stopsOf(late));
        assertTrue(h.sim.journal().run(late.id()).stoppedByUs());
        assertThat(listener.linesContaining("stopping run " + late.id() + " (the build was aborted)"), hasSize(1));
        assertEquals(
                "the dropped start and the run made late", 2, h.sim.journal().count(Endpoint.START));
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    @Test
    public void aSecondCancelReportsAtOnceAndTheRunIsStillStoppedWhenItAppears() throws Exception {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = startLooking(testId, h.settings());
        handle.cancel("aborted by user");
        h.scheduler.runDue();
        handle.cancel("aborted again");

        assertTrue("the second cancel reports at once", handle.outcome().isDone());
        RunOutcome o = handle.outcome().join();
        assertEquals(Verdict.CANCELLED, o.verdict());
        assertNull(o.runId());
        assertThat(o.message(), containsString("no run had appeared yet"));
        assertThat(o.message(), containsString("not waiting for one any longer (cancelled twice)"));
        assertThat(o.message(), containsString(h.sim.webAppUrl()));

        h.scheduler.advance(Duration.ofSeconds(30));
        TestRun late = h.client.startRun(testId);
        h.scheduler.advance(Duration.ofSeconds(10));
        assertEquals("stopped although the outcome went out before it appeared", 1, stopsOf(late));
        assertTrue(h.sim.journal().run(late.id()).stoppedByUs());
        h.assertNothingLeftRunning(Duration.ZERO);
        assertSame("the outcome is not changed", o, handle.outcome().join());
        h.scheduler.advance(PAST_THE_WINDOW);
        assertEquals("nothing more planned", 0, h.scheduler.pending());
    }

    @Test
    public void whenNoRunAppearsTheCancelIsReportedOnceTheWindowHasPassedAndNothingIsStopped() {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = startLooking(testId, h.settings());
        handle.cancel("aborted by user");
        long looksBefore = h.sim.journal().count(Endpoint.LIST);

        RunOutcome o = h.finish(handle);

        assertEquals(Verdict.CANCELLED, o.verdict());
        assertNull(o.runId());
        assertThat(o.message(), containsString("no run was found to stop"));
        assertThat(o.message(), containsString("check the runs of load test " + testId));
        assertThat(o.message(), containsString(h.sim.webAppUrl()));
        assertThat("looked on after the cancel", h.sim.journal().count(Endpoint.LIST), greaterThan(looksBefore + 2));
        assertThat(
                "reported only once the window (3 min after the start was sent) had about passed",
                o.followedFor(),
                greaterThan(Duration.ofMillis(RunAdoption.START_CALL_MILLIS).minusSeconds(60)));
        assertEquals("nothing to stop", 0, h.sim.journal().count(Endpoint.STOP));
        assertEquals("never sent again", 1, h.sim.journal().count(Endpoint.START));
        assertEquals(0, h.scheduler.pending());
    }

    @Test
    public void aSecondCancelWithNoRunEverAppearingEndsTheLookWithTheWindow() {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = startLooking(testId, h.settings());
        handle.cancel("aborted by user");
        handle.cancel("aborted again");
        assertTrue(handle.outcome().isDone());

        h.scheduler.advance(PAST_THE_WINDOW);
        long looks = h.sim.journal().count(Endpoint.LIST);
        assertEquals("the look ended with its window", 0, h.scheduler.pending());
        h.scheduler.advance(Duration.ofMinutes(5));
        assertEquals(looks, h.sim.journal().count(Endpoint.LIST));
        assertEquals(0, h.sim.journal().count(Endpoint.STOP));
    }

    @Test
    public void theCancelWaitCountsFromWhenTheRunAppears() throws Exception {
        h.sim.setStopDelay(Duration.ofSeconds(30));
        long testId = h.test(Scenarios.passes());
        RunWatch handle = startLooking(testId, TestSettings.cancelWait(h.settings(), Duration.ofMinutes(1)));
        handle.cancel("aborted by user");
        h.scheduler.advance(Duration.ofSeconds(80)); // the cancel wait would have passed by now
        assertFalse(handle.outcome().isDone());

        TestRun late = h.client.startRun(testId);
        RunOutcome o = h.finish(handle);

        assertEquals(Verdict.CANCELLED, o.verdict());
        assertThat(o.message(), containsString("k6 Cloud run " + late.id() + " was stopped and ended as"));
        assertEquals(1, stopsOf(late));
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    @Test
    public void closingTheEngineEndsTheLookAfterASecondCancel() {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = startLooking(testId, h.settings());
        handle.cancel("aborted by user");
        handle.cancel("aborted again");
        assertTrue(handle.outcome().isDone());
        long looks = h.sim.journal().count(Endpoint.LIST);

        h.engine.close();
        h.scheduler.advance(PAST_THE_WINDOW);

        assertEquals("no look after the close", looks, h.sim.journal().count(Endpoint.LIST));
    }

    @Test
    public void afterARestartWithACancelPendingARunThatAppearsLaterIsStopped() throws Exception {
        long testId = h.test(Scenarios.passes());
        WatchState saved = h.startInFlightWithACancel(testId);
        h.clock.advance(Duration.ofSeconds(5)); // the restart
        RunWatch handle = h.engine.resume(saved, h.client, listener);
        h.runUntil(() -> h.sim.journal().count(Endpoint.LIST) >= 2, "the engine looked again");
        assertFalse(handle.outcome().isDone());

        TestRun late = h.client.startRun(testId); // the start in flight at the restart, created late
        RunOutcome o = h.finish(handle);

        assertEquals(Verdict.CANCELLED, o.verdict());
        assertEquals(Long.valueOf(late.id()), o.runId());
        assertEquals(1, stopsOf(late));
        assertThat(listener.linesContaining("A restart interrupted the start"), hasSize(1));
        h.assertNothingLeftRunning(Duration.ZERO);
    }
}
