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

import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import java.time.Duration;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

/** A start whose answer was lost (its connection dropped, or a restart during it) is never sent again: the engine looks, bounded, for the run it may have created, and adopts the earliest created around the request, never one another watch follows, never one created long after. An abort during the look does not end it: a run that appears is stopped. */
public class RunAdoptionTest {
    @Rule
    public final EngineHarness h = new EngineHarness();

    private final RecordingListener listener = new RecordingListener();

    // ---- a start whose outcome the client could not tell

    @Test
    public void aRunThatShowsUpLaterIsAdoptedNotStartedAgain() throws Exception {
        long testId = h.test(Scenarios.passes());
        h.sim.faults().inject(Endpoint.START, Fault.dropConnection());
        RunWatch handle = h.start(testId, h.settings(), listener);
        h.runUntil(() -> h.sim.journal().count(Endpoint.LIST) >= 2, "the engine looked again");

        h.clock.advance(Duration.ofSeconds(30));
        TestRun late = h.client.startRun(testId); // k6 Cloud creating the run half a minute late
        RunOutcome o = h.finish(handle);

        assertEquals(Verdict.PASSED, o.verdict());
        assertEquals(Long.valueOf(late.id()), o.runId());
        assertEquals(
                "the dropped start and the run made late", 2, h.sim.journal().count(Endpoint.START));
        assertEquals(1, h.sim.journal().runsOf(testId).size());
    }

    @Test
    public void whenNoRunEverAppearsTheBuildFailsSayingWhereToLook() {
        long testId = h.test(Scenarios.passes());
        h.sim.faults().inject(Endpoint.START, Fault.dropConnection());

        RunOutcome o = h.finish(h.start(testId, h.settings(), listener));

        assertEquals(Verdict.UNREACHABLE, o.verdict());
        assertNull(o.runId());
        assertThat(o.message(), containsString("k6 Cloud may still have started one"));
        assertThat(o.message(), containsString(h.sim.webAppUrl()));
        assertThat("looked more than once", h.sim.journal().count(Endpoint.LIST), greaterThan(2L));
        assertEquals("never sent again", 1, h.sim.journal().count(Endpoint.START));
        assertThat(
                "the looking is bounded",
                o.followedFor(),
                org.hamcrest.Matchers.lessThanOrEqualTo(Duration.ofMillis(RunAdoption.START_CALL_MILLIS)
                        .plus(h.settings().pollInterval())));
    }

    // ---- which run a watch adopts after a restart

    @Test
    public void aRunAnotherBuildOfThisEngineFollowsIsNotAdopted() throws Exception {
        long testId = h.longTest();
        RunSettings settings = h.settings();
        WatchState lost = WatchState.beforeStart(testId, settings, h.clock.millis());
        RunWatch other = h.start(testId, settings, new RecordingListener());
        h.runUntil(() -> other.state().runId() != null, "the other build's run started");
        h.clock.advance(Duration.ofSeconds(1));
        TestRun ours = h.client.startRun(testId); // the request that was in flight, created a little later

        RunWatch resumed = h.engine.resume(lost, h.client, listener);
        h.untilAdopted(resumed);

        assertEquals(Long.valueOf(ours.id()), resumed.state().runId());
        assertThat(listener.linesContaining("run " + other.state().runId() + " followed by other builds"), hasSize(1));
    }

    @Test
    public void neitherTheOnlyRunAnotherBuildFollowsNorOneCreatedLongAfterTheStartIsAdopted() throws Exception {
        long testId = h.longTest();
        WatchState lost = WatchState.beforeStart(testId, h.settings(), h.clock.millis());
        RunWatch other = h.start(testId, h.settings(), new RecordingListener());
        h.runUntil(() -> other.state().runId() != null, "the other build's run started");
        long otherTest = h.longTest();
        WatchState lostToo = WatchState.beforeStart(otherTest, h.settings(), h.clock.millis());
        h.clock.advance(Duration.ofMinutes(10));
        TestRun later = h.client.startRun(otherTest); // someone else's, ten minutes on

        for (WatchState s : List.of(lost, lostToo)) {
            RunOutcome o = h.finish(h.engine.resume(s, h.client, listener));
            assertEquals(Verdict.UNREACHABLE, o.verdict());
            assertNull(o.runId());
            assertThat(o.message(), containsString("no run was started"));
        }
        assertTrue(h.sim.journal().stopsFor(other.state().runId()).isEmpty());
        assertTrue(h.sim.journal().stopsFor(later.id()).isEmpty());
    }

    // ---- builds of one load test each end up with their own run; runs created after the request are preferred

    @Test
    public void twoLostStartsEachFollowTheirOwnRunAndAbortingOneStopsOnlyItsOwn() throws Exception {
        long testId = h.longTest();
        h.sim.faults().inject(Endpoint.START, Fault.dropConnection());
        RunWatch a = h.start(testId, h.settings(), new RecordingListener());
        h.runUntil(() -> h.sim.journal().count(Endpoint.LIST) >= 1, "A looks for its run");
        h.clock.advance(Duration.ofSeconds(2));
        TestRun runOfA = h.client.startRun(testId); // k6 Cloud creating A's run late
        h.runUntil(() -> a.state().runId() != null, "A adopted its run");

        h.clock.advance(Duration.ofSeconds(10));
        h.sim.faults().inject(Endpoint.START, Fault.dropConnection());
        RunWatch b = h.start(testId, h.settings(), new RecordingListener());
        h.runUntil(() -> h.sim.journal().count(Endpoint.START) >= 3, "B sent its start");
        h.clock.advance(Duration.ofSeconds(3));
        TestRun runOfB = h.client.startRun(testId); // k6 Cloud creating B's run late
        h.untilAdopted(b);

        assertEquals(Long.valueOf(runOfA.id()), a.state().runId());
        assertEquals(Long.valueOf(runOfB.id()), b.state().runId());

        b.cancel("aborted");
        RunOutcome ofB = h.finish(b);

        assertEquals(Verdict.CANCELLED, ofB.verdict());
        assertFalse(h.sim.journal().stopsFor(runOfB.id()).isEmpty());
        assertTrue(
                "A's run is left alone", h.sim.journal().stopsFor(runOfA.id()).isEmpty());
        assertFalse(a.outcome().isDone());
    }

    @Test
    public void aRunSomeoneElseStartedJustBeforeTheLostStartIsNotTaken() throws Exception {
        long testId = h.longTest();
        TestRun someoneElses = h.client.startRun(testId); // e.g. from the k6 web app
        h.clock.advance(Duration.ofSeconds(45));
        h.sim.faults().inject(Endpoint.START, Fault.dropConnection());
        RunWatch handle = h.start(testId, h.settings(), new RecordingListener());
        h.runUntil(() -> h.sim.journal().count(Endpoint.START) >= 2, "the start was sent");
        h.clock.advance(Duration.ofSeconds(10));
        TestRun ours = h.client.startRun(testId); // k6 Cloud creating ours late

        h.untilAdopted(handle);

        assertEquals(Long.valueOf(ours.id()), handle.state().runId());
        assertTrue(h.sim.journal().stopsFor(someoneElses.id()).isEmpty());
    }

    @Test
    public void afterARestartARunCreatedAfterTheRequestIsPreferredToOneJustBefore() throws Exception {
        long testId = h.longTest();
        TestRun someoneElses = h.client.startRun(testId);
        h.clock.advance(Duration.ofSeconds(20));
        WatchState lost = WatchState.beforeStart(testId, h.settings(), h.clock.millis());
        h.clock.advance(Duration.ofSeconds(2));
        TestRun ours = h.client.startRun(testId);

        RecordingListener listener = new RecordingListener();
        RunWatch resumed = h.engine.resume(lost, h.client, listener);
        h.untilAdopted(resumed);

        assertEquals(Long.valueOf(ours.id()), resumed.state().runId());
        assertEquals(
                1,
                listener.linesContaining("run " + someoneElses.id() + " left alone")
                        .size());
    }

    @Test
    public void afterARestartARunJustBeforeTheRequestIsTakenWhenNoneCameAfter() throws Exception {
        long testId = h.longTest();
        TestRun early = h.client.startRun(testId); // k6 Cloud's clock behind ours
        h.clock.advance(Duration.ofSeconds(20));
        WatchState lost = WatchState.beforeStart(testId, h.settings(), h.clock.millis());

        RunWatch resumed = h.engine.resume(lost, h.client, new RecordingListener());
        h.untilAdopted(resumed);

        assertEquals(Long.valueOf(early.id()), resumed.state().runId());
    }

    // ---- a restart before the start was sent starts the run (once); once it may have been sent, looks instead

    /** The states a watch saved before a restart: its engine never ran a step, or ran until the start was marked. */
    private List<WatchState> savedStates(long testId, boolean untilMarked) {
        RecordingListener listener = new RecordingListener();
        VirtualScheduler before = new VirtualScheduler(h.clock);
        RunEngine engine = new RunEngine(before, h.clock);
        // the restart comes while the start request is on its way: it creates nothing here
        InterceptingClient client = new InterceptingClient(h.client);
        client.beforeStart = () -> {
            throw new K6CloudException.ProtocolException("restarting", "POST start", 400, null);
        };
        RunWatch handle = engine.start(testId, h.settings(), client, listener);
        WatchState initial = handle.state();
        if (untilMarked) {
            before.advance(Duration.ofSeconds(1));
        }
        engine.close();
        return untilMarked ? listener.changes() : List.of(initial);
    }

    @Test
    public void aStateSavedBeforeTheStartWasSentStartsTheRunOnResumeOneSavedJustBeforeLooksInstead() {
        long testId = h.test(Scenarios.passes());
        WatchState saved = savedStates(testId, false).get(0);
        assertTrue(saved.startNotSent());
        assertEquals(
                Verdict.PASSED,
                h.finish(h.engine.resume(saved, h.client, listener)).verdict());
        assertEquals(1, h.sim.journal().count(Endpoint.START));

        long other = h.test(Scenarios.passes());
        saved = savedStates(other, true).get(0);
        assertFalse(saved.startNotSent());
        assertNull(saved.runId());
        RunOutcome o = h.finish(h.engine.resume(saved, h.client, listener));
        assertEquals(Verdict.UNREACHABLE, o.verdict());
        assertThat(o.message(), containsString("no run was started"));
        assertEquals("never started", 1, h.sim.journal().count(Endpoint.START));
    }

    // ---- the build is aborted during the look: it goes on until its window has passed, and a run that appears is
    // stopped, also after a second cancel (which reports at once) and after a restart

    /** Past the end of the look, which ends 3 min ({@link RunAdoption#START_CALL_MILLIS}) after the start was sent. */
    private static final Duration PAST_THE_WINDOW = Duration.ofMinutes(4);

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
