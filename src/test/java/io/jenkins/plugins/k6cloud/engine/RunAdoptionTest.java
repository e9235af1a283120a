package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
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

/** A start whose answer was lost (its connection dropped, or a restart during it) is never sent again: the engine looks, bounded, for the run it may have created, and adopts the earliest created around the request, never one another watch follows, never one created long after. */
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
    public void theOnlyRunFollowedByAnotherBuildIsNotAdopted() {
        long testId = h.longTest();
        RunSettings settings = h.settings();
        WatchState lost = WatchState.beforeStart(testId, settings, h.clock.millis());
        RunWatch other = h.start(testId, settings, new RecordingListener());
        h.runUntil(() -> other.state().runId() != null, "the other build's run started");

        RunOutcome o = h.finish(h.engine.resume(lost, h.client, listener));

        assertEquals(Verdict.UNREACHABLE, o.verdict());
        assertNull(o.runId());
        assertThat(o.message(), containsString("no run was started"));
        assertTrue(h.sim.journal().stopsFor(other.state().runId()).isEmpty());
    }

    @Test
    public void aRunCreatedLongAfterTheStartIsNotAdopted() throws Exception {
        long testId = h.longTest();
        WatchState lost = WatchState.beforeStart(testId, h.settings(), h.clock.millis());
        h.clock.advance(Duration.ofMinutes(10));
        TestRun later = h.client.startRun(testId); // someone else's, ten minutes on

        RunOutcome o = h.finish(h.engine.resume(lost, h.client, listener));

        assertEquals(Verdict.UNREACHABLE, o.verdict());
        assertNull(o.runId());
        assertThat(o.message(), containsString("no run was started"));
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
    public void aStateSavedBeforeTheStartWasSentStartsTheRunOnResume() {
        long testId = h.test(Scenarios.passes());
        WatchState saved = savedStates(testId, false).get(0);
        assertTrue(saved.startNotSent());

        RunOutcome o = h.finish(h.engine.resume(saved, h.client, new RecordingListener()));

        assertEquals(Verdict.PASSED, o.verdict());
        assertEquals(1, h.sim.journal().count(Endpoint.START));
    }

    @Test
    public void aStateSavedJustBeforeTheStartWasSentLooksInstead() {
        long testId = h.test(Scenarios.passes());
        WatchState saved = savedStates(testId, true).get(0);
        assertFalse(saved.startNotSent());
        assertNull(saved.runId());

        RunOutcome o = h.finish(h.engine.resume(saved, h.client, new RecordingListener()));

        assertEquals(Verdict.UNREACHABLE, o.verdict());
        assertEquals("never started", 0, h.sim.journal().count(Endpoint.START));
    }
}
