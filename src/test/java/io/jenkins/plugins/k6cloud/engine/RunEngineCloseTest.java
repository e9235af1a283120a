package io.jenkins.plugins.k6cloud.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.engine.RunEngine.OnEngineClose;
import io.jenkins.plugins.k6cloud.engine.Scheduler.ThreadPoolScheduler;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.Timings;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

/**
 * Closing the engine (a controller restart): calls in flight are interrupted, yet no watch turns
 * that into a verdict or a stop; runs whose callers cannot resume them are cancelled first.
 */
public class RunEngineCloseTest {
    @Rule
    public final EngineHarness h = new EngineHarness();

    private final RecordingListener listener = new RecordingListener();
    private RunEngine engine;

    /** Real engine threads (so that close() interrupts a call in flight), virtual waiting. */
    private RunEngine threadedEngine() {
        engine = new RunEngine(new FastForwardScheduler(new ThreadPoolScheduler("k6-close-test", 2), h.clock), h.clock);
        return engine;
    }

    @After
    public void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    private long longTest() {
        return h.test(Scenarios.passes().withTimings(Timings.standard().withRunning(Duration.ofHours(1))));
    }

    @Test
    public void aPollInterruptedByCloseReportsNothingAndStopsNothing() throws Exception {
        long testId = longTest();
        InterceptingClient client = new InterceptingClient(h.client);
        client.beforeRead = client.hang();
        RunWatch handle = threadedEngine().start(testId, h.settings(), client, listener);
        EngineHarness.awaitQuietly(client.stalled);

        engine.close();

        assertFalse(
                "no outcome: the Pipeline step resumes after the restart",
                handle.outcome().isDone());
        assertTrue(listener.linesContaining("k6 Cloud verdict").isEmpty());
        assertEquals("no stop was sent", 0, h.sim.journal().count(Endpoint.STOP));
        assertEquals(
                "the run is left going", 1, h.sim.journal().runsLeftRunning().size());
        assertEquals(WatchPhase.WATCHING, listener.lastState().phase());
    }

    @Test
    public void aStartInterruptedByCloseReportsNothing() throws Exception {
        long testId = longTest();
        InterceptingClient client = new InterceptingClient(h.client);
        client.beforeStart = client.hang();
        RunWatch handle = threadedEngine().start(testId, h.settings(), client, listener);
        EngineHarness.awaitQuietly(client.stalled);

        engine.close();

        assertFalse(handle.outcome().isDone());
        assertTrue(listener.linesContaining("k6 Cloud verdict").isEmpty());
        assertEquals(WatchPhase.STARTING, handle.state().phase());
    }

    @Test
    public void cancelUnresumableStopsOnlyTheRunsThatCannotBeResumed() throws Exception {
        long testId = longTest();
        CountDownLatch bothStarted = new CountDownLatch(2);
        RunEvents counting = new RunEvents() {
            @Override
            public void onStarted(WatchState state) {
                bothStarted.countDown();
            }
        };
        threadedEngine();
        // long polls and a long timeout, so that neither run ends on its own while the test looks
        RunSettings settings = TestSettings.timeout(
                TestSettings.pollInterval(h.settings(), Duration.ofMinutes(1)), Duration.ofDays(2));
        RunWatch freestyle = engine.start(testId, settings, h.client, counting, OnEngineClose.CANCEL);
        RunWatch pipeline = engine.start(testId, settings, h.client, counting);
        EngineHarness.awaitQuietly(bothStarted);
        long freestyleRun = freestyle.state().runId();
        long pipelineRun = pipeline.state().runId();
        assertNotEquals(freestyleRun, pipelineRun);

        assertTrue(
                "the stop was sent within the bound",
                engine.cancelUnresumable("Jenkins is shutting down", Duration.ofSeconds(10)));
        engine.close();

        assertEquals(1, h.sim.journal().stopsFor(freestyleRun).size());
        assertTrue(h.sim.journal().stopsFor(pipelineRun).isEmpty());
        assertFalse("the Pipeline run is left to resume", pipeline.outcome().isDone());
        assertTrue(h.sim.journal().runsLeftRunning().stream().anyMatch(r -> r.id() == pipelineRun));
    }
}
