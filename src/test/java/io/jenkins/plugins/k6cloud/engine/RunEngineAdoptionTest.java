package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.Timings;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * Which run a watch adopts when its start request's answer was lost to a restart: the earliest run
 * of the test created around the request, never one another watch of the engine follows, never
 * one created long after.
 */
public class RunEngineAdoptionTest {
    @Rule
    public final EngineHarness h = new EngineHarness();

    private final RecordingListener listener = new RecordingListener();

    private long longTest() {
        return h.test(Scenarios.passes().withTimings(Timings.standard().withRunning(Duration.ofHours(1))));
    }

    @Test
    public void aRunAnotherBuildOfThisEngineFollowsIsNotAdopted() throws Exception {
        long testId = longTest();
        RunSettings settings = h.settings();
        WatchState lost = WatchState.beforeStart(testId, settings, h.clock.millis());
        RunWatch other = h.start(testId, settings, new RecordingListener());
        h.runUntil(() -> other.state().runId() != null, "the other build's run started");
        h.clock.advance(Duration.ofSeconds(1));
        TestRun ours = h.client.startRun(testId); // the request that was in flight, created a little later

        RunWatch resumed = h.engine.resume(lost, h.client, listener);
        h.runUntil(() -> resumed.state().runId() != null || resumed.outcome().isDone(), "a run adopted");

        assertEquals(Long.valueOf(ours.id()), resumed.state().runId());
        assertThat(listener.linesContaining("run " + other.state().runId() + " followed by other builds"), hasSize(1));
    }

    @Test
    public void theOnlyRunFollowedByAnotherBuildIsNotAdopted() {
        long testId = longTest();
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
        long testId = longTest();
        WatchState lost = WatchState.beforeStart(testId, h.settings(), h.clock.millis());
        h.clock.advance(Duration.ofMinutes(10));
        TestRun later = h.client.startRun(testId); // someone else's, ten minutes on

        RunOutcome o = h.finish(h.engine.resume(lost, h.client, listener));

        assertEquals(Verdict.UNREACHABLE, o.verdict());
        assertNull(o.runId());
        assertThat(o.message(), containsString("no run was started"));
        assertTrue(h.sim.journal().stopsFor(later.id()).isEmpty());
    }
}
