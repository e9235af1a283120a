package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.Outcome;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Rule;
import org.junit.Test;

/** Cancelling (an aborted build) at every point of a run: the run is stopped and followed, bounded. */
public class RunEngineCancelTest {
    @Rule
    public final EngineHarness h = new EngineHarness();

    private final RecordingListener lines = new RecordingListener();

    private RunSettings settings() {
        return TestSettings.pollInterval(h.settings(), Duration.ofSeconds(1));
    }

    private RunWatch startAndRunUntil(long testId, int runStatus) {
        RunWatch handle = h.start(testId, settings(), lines);
        h.runUntil(
                () -> handle.state().lastRunStatus() != null && handle.state().lastRunStatus() == runStatus,
                "run_status " + runStatus);
        return handle;
    }

    private void assertCancelledAndStopped(RunOutcome o, long testId) {
        assertEquals(Verdict.CANCELLED, o.verdict());
        assertEquals(BuildResult.ABORTED, o.buildResult());
        assertEquals(1, h.stops(1));
        assertTrue(h.sim.journal().run(o.runId()).stoppedByUs());
        h.assertOneStart(testId);
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    @Test
    public void cancelBeforeTheStartIsSentStartsNothing() {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = h.start(testId, settings(), lines);
        handle.cancel("aborted by user");
        RunOutcome o = h.finish(handle);
        assertEquals(Verdict.CANCELLED, o.verdict());
        assertEquals(null, o.runId());
        assertTrue(h.sim.journal().startsFor(testId).isEmpty());
    }

    @Test
    public void cancelWhileTheStartIsInFlightStopsTheRunAsSoonAsItsIdArrives() {
        long testId = h.test(Scenarios.passes());
        InterceptingClient client = new InterceptingClient(h.client);
        AtomicReference<RunWatch> handle = new AtomicReference<>();
        client.whileStarting = () -> handle.get().cancel("aborted by user");
        handle.set(h.engine.start(testId, settings(), client, lines));
        RunOutcome o = h.finish(handle.get());
        assertCancelledAndStopped(o, testId);
        List<JournalEntry> requests = h.sim.journal().requests();
        assertEquals(Endpoint.START, requests.get(0).endpoint());
        assertEquals(
                "the stop comes right after the start",
                Endpoint.STOP,
                requests.get(1).endpoint());
        assertThat(o.message(), containsString("Aborted (by user)"));
    }

    @Test
    public void cancelWhileQueued() {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = startAndRunUntil(testId, 0);
        handle.cancel("aborted by user");
        h.scheduler.runDue();
        assertEquals("stopped at once, without waiting for the next poll", 1, h.stops(1));
        RunOutcome o = h.finish(handle);
        assertCancelledAndStopped(o, testId);
    }

    @Test
    public void cancelWhileProcessingNeedsNoStop() {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = h.start(testId, settings(), lines);
        h.runUntil(() -> handle.state().phase() == WatchPhase.PROCESSING, "processing");
        handle.cancel("aborted by user");
        h.scheduler.runDue();
        assertTrue(handle.outcome().isDone());
        RunOutcome o = handle.outcome().join();
        assertEquals(Verdict.CANCELLED, o.verdict());
        assertThat(o.message(), containsString("had already ended as Finished"));
        assertEquals(0, h.stops(0));
    }

    @Test
    public void cancelAfterTheEndChangesNothing() {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = h.start(testId, settings(), lines);
        RunOutcome o = h.finish(handle);
        handle.cancel("too late");
        handle.cancel("much too late");
        h.scheduler.advance(Duration.ofMinutes(1));
        assertEquals(Verdict.PASSED, handle.outcome().join().verdict());
        assertEquals(0, h.stops(0));
        assertEquals(0, h.scheduler.pending());
    }

    @Test
    public void secondCancelStopsWaitingAtOnce() {
        h.sim.setStopDelay(Duration.ofMinutes(5));
        long testId = h.test(Scenarios.passes());
        RunWatch handle = startAndRunUntil(testId, 2);
        handle.cancel("aborted by user");
        h.scheduler.runDue();
        assertEquals(1, h.stops(1));
        h.scheduler.advance(Duration.ofSeconds(3));
        assertFalse("still waiting for the run to end", handle.outcome().isDone());
        handle.cancel("aborted again");
        assertTrue("the second cancel reports at once", handle.outcome().isDone());
        RunOutcome o = handle.outcome().join();
        assertEquals(Verdict.CANCELLED, o.verdict());
        assertThat(o.message(), containsString("not waiting"));
        h.scheduler.advance(Duration.ofMinutes(1));
        assertEquals(0, h.scheduler.pending());
        h.assertNothingLeftRunning(Duration.ofMinutes(5));
    }

    @Test
    public void cancelTwiceWhileTheStartIsInFlightStillSendsTheStop() {
        long testId = h.test(Scenarios.passes());
        InterceptingClient client = new InterceptingClient(h.client);
        AtomicReference<RunWatch> handle = new AtomicReference<>();
        client.whileStarting = () -> {
            handle.get().cancel("aborted");
            handle.get().cancel("aborted again");
            assertFalse("no stop could be sent yet", handle.get().outcome().isDone());
        };
        handle.set(h.engine.start(testId, settings(), client, lines));
        h.scheduler.runDue();
        assertTrue(handle.get().outcome().isDone());
        RunOutcome o = handle.get().outcome().join();
        assertEquals(Verdict.CANCELLED, o.verdict());
        assertEquals(1, h.stops(1));
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    @Test
    public void waitingForTheRunToEndIsBounded() {
        h.sim.setStopDelay(Duration.ofMinutes(10));
        long testId = h.test(Scenarios.of(Outcome.PASSES)
                .withTimings(
                        io.jenkins.plugins.k6cloud.simulator.Timings.standard().withRunning(Duration.ofMinutes(30))));
        RunWatch handle =
                h.engine.start(testId, TestSettings.cancelWait(settings(), Duration.ofMinutes(1)), h.client, lines);
        h.untilRunning(handle);
        long cancelledAt = h.clock.millis();
        handle.cancel("aborted by user");
        RunOutcome o = h.finish(handle);
        assertEquals(Verdict.CANCELLED, o.verdict());
        assertThat(o.message(), containsString("still Running after 1m"));
        assertThat(
                h.clock.millis() - cancelledAt, lessThan(Duration.ofMinutes(2).toMillis()));
        h.assertNothingLeftRunning(Duration.ofMinutes(10));
    }

    @Test
    public void aFailedStopIsRetried() {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = startAndRunUntil(testId, 2);
        h.sim.faults().inject(Endpoint.STOP, 2, Fault.badGateway());
        handle.cancel("aborted by user");
        RunOutcome o = h.finish(handle);
        assertEquals(Verdict.CANCELLED, o.verdict());
        assertEquals(3, h.stops(3));
        assertThat(o.message(), containsString("ended as Aborted (by user)"));
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    @Test
    public void aStopThatKeepsFailingIsReported() {
        long testId = h.test(Scenarios.passes());
        RunWatch handle =
                h.engine.start(testId, TestSettings.errorBudget(settings(), Duration.ofMinutes(5), 3), h.client, lines);
        h.untilRunning(handle);
        h.sim.faults().inject(Endpoint.STOP, 10, Fault.badGateway());
        handle.cancel("aborted by user");
        RunOutcome o = h.finish(handle);
        assertEquals(Verdict.CANCELLED, o.verdict());
        assertEquals(3, h.stops(3));
        assertThat(o.message(), containsString("could not be stopped"));
        assertThat(o.message(), containsString(o.webUrl()));
    }
}
