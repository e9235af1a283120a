package io.jenkins.plugins.k6cloud.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.Timings;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * Builds of one load test whose start answers were lost each end up with their own run: the
 * client never takes a run it did not start for certain, and the engine's look skips the runs its
 * other builds follow and prefers runs created after the request over earlier ones.
 */
public class TwoBuildsOfOneTestTest {
    @Rule
    public final EngineHarness h = new EngineHarness();

    private long longTest() {
        return h.test(Scenarios.passes().withTimings(Timings.standard().withRunning(Duration.ofHours(1))));
    }

    @Test
    public void twoLostStartsEachFollowTheirOwnRunAndAbortingOneStopsOnlyItsOwn() throws Exception {
        long testId = longTest();
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
        h.runUntil(() -> b.state().runId() != null || b.outcome().isDone(), "B adopted a run");

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
        long testId = longTest();
        TestRun someoneElses = h.client.startRun(testId); // e.g. from the k6 web app
        h.clock.advance(Duration.ofSeconds(45));
        h.sim.faults().inject(Endpoint.START, Fault.dropConnection());
        RunWatch handle = h.start(testId, h.settings(), new RecordingListener());
        h.runUntil(() -> h.sim.journal().count(Endpoint.START) >= 2, "the start was sent");
        h.clock.advance(Duration.ofSeconds(10));
        TestRun ours = h.client.startRun(testId); // k6 Cloud creating ours late

        h.runUntil(() -> handle.state().runId() != null || handle.outcome().isDone(), "a run adopted");

        assertEquals(Long.valueOf(ours.id()), handle.state().runId());
        assertTrue(h.sim.journal().stopsFor(someoneElses.id()).isEmpty());
    }

    @Test
    public void afterARestartARunCreatedAfterTheRequestIsPreferredToOneJustBefore() throws Exception {
        long testId = longTest();
        TestRun someoneElses = h.client.startRun(testId);
        h.clock.advance(Duration.ofSeconds(20));
        WatchState lost = WatchState.beforeStart(testId, h.settings(), h.clock.millis());
        h.clock.advance(Duration.ofSeconds(2));
        TestRun ours = h.client.startRun(testId);

        RecordingListener listener = new RecordingListener();
        RunWatch resumed = h.engine.resume(lost, h.client, listener);
        h.runUntil(() -> resumed.state().runId() != null || resumed.outcome().isDone(), "a run adopted");

        assertEquals(Long.valueOf(ours.id()), resumed.state().runId());
        assertEquals(
                1,
                listener.linesContaining("run " + someoneElses.id() + " left alone")
                        .size());
    }

    @Test
    public void afterARestartARunJustBeforeTheRequestIsTakenWhenNoneCameAfter() throws Exception {
        long testId = longTest();
        TestRun early = h.client.startRun(testId); // k6 Cloud's clock behind ours
        h.clock.advance(Duration.ofSeconds(20));
        WatchState lost = WatchState.beforeStart(testId, h.settings(), h.clock.millis());

        RunWatch resumed = h.engine.resume(lost, h.client, new RecordingListener());
        h.runUntil(() -> resumed.state().runId() != null || resumed.outcome().isDone(), "a run adopted");

        assertEquals(Long.valueOf(early.id()), resumed.state().runId());
    }
}
