package io.jenkins.plugins.k6cloud.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import java.time.Duration;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

/**
 * A restart before the start request was sent starts the run (once) instead of looking for one
 * that cannot exist; a restart once it may have been sent looks for it and never starts another.
 */
public class RestartBeforeTheStartTest {
    @Rule
    public final EngineHarness h = new EngineHarness();

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
