package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.engine.RunEngine.OnEngineClose;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.Timings;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * A graceful shutdown and the runs that cannot be resumed ({@link OnEngineClose#CANCEL}): none is
 * started once the shutdown began, and the caller of each gets an outcome when the engine closes.
 */
public class ShutdownOfUnresumableRunsTest {
    @Rule
    public final EngineHarness h = new EngineHarness();

    private long longTest() {
        return h.test(Scenarios.passes().withTimings(Timings.standard().withRunning(Duration.ofHours(1))));
    }

    @Test
    public void anUnresumableStartOnceTheShutdownBeganStartsNoRun() {
        long testId = longTest();
        assertTrue(h.engine.cancelUnresumable("Jenkins is shutting down", Duration.ZERO));

        RunWatch late = h.engine.start(testId, h.settings(), h.client, new RecordingListener(), OnEngineClose.CANCEL);
        h.scheduler.advance(Duration.ofMinutes(1));

        assertTrue(late.outcome().isDone());
        RunOutcome o = late.outcome().getNow(null);
        assertEquals(Verdict.CANCELLED, o.verdict());
        assertThat(o.message(), containsString("no run was started: Jenkins is shutting down"));
        assertEquals(0, h.sim.journal().count(Endpoint.START));
    }

    @Test
    public void closingCompletesTheUnresumableWatchesButNotThePipelineOnes() {
        long testId = longTest();
        RunWatch freestyle =
                h.engine.start(testId, h.settings(), h.client, new RecordingListener(), OnEngineClose.CANCEL);
        RunWatch pipeline = h.engine.start(testId, h.settings(), h.client, new RecordingListener());
        h.runUntil(() -> freestyle.state().runId() != null && pipeline.state().runId() != null, "both runs started");
        h.engine.cancelUnresumable("Jenkins is shutting down", Duration.ZERO);
        h.runUntil(() -> h.sim.journal().count(Endpoint.STOP) >= 1, "the stop went out");
        assertFalse("the run is still stopping", freestyle.outcome().isDone());

        h.engine.close();

        assertTrue(freestyle.outcome().isDone());
        RunOutcome o = freestyle.outcome().getNow(null);
        assertEquals(Verdict.CANCELLED, o.verdict());
        assertThat(
                o.message(), containsString("Jenkins shut down; the stop of k6 Cloud run " + o.runId() + " was sent"));
        assertFalse("resumed after the restart", pipeline.outcome().isDone());
        assertTrue(h.sim.journal().stopsFor(pipeline.state().runId()).isEmpty());
    }
}
