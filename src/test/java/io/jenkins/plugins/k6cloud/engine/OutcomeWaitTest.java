package io.jenkins.plugins.k6cloud.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.Outcomes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.junit.After;
import org.junit.Test;

/** The caller's bounded wait: an interrupt cancels the run and waits for its end, a second one stops waiting. */
public class OutcomeWaitTest {
    private CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
    /** The engine is not closed while these tests wait, unless a test closes it. */
    private final CompletableFuture<Void> engineClosed = new CompletableFuture<>();
    /** "cancel" or "stop waiting", in order. */
    private final List<String> cancels = new ArrayList<>();
    /** What the engine does on each call of the canceller (1: the cancel, 2: stop waiting). */
    private IntConsumer engine = n -> {};

    @After
    public void clearInterrupt() {
        Thread.interrupted();
    }

    private OutcomeWait.Waited await() {
        return OutcomeWait.await(outcome, TestSettings.defaults(), engineClosed, new OutcomeWait.Canceller() {
            @Override
            public void cancel(boolean interrupted, Duration bound) {
                cancels.add(interrupted ? "cancel" : "gave up");
                engine.accept(cancels.size());
            }

            @Override
            public void stopWaiting(Duration bound) {
                cancels.add("stop waiting");
                engine.accept(cancels.size());
            }
        });
    }

    @Test
    public void anInterruptCancelsTheRunAndWaitsForItsEnd() {
        RunOutcome cancelled = Outcomes.noRun();
        engine = n -> outcome.complete(cancelled); // the engine confirms the stop
        Thread.currentThread().interrupt();
        OutcomeWait.Waited w = await();
        assertTrue(w.interrupted());
        assertSame(cancelled, w.outcome());
        assertEquals(List.of("cancel"), cancels);
        assertFalse(
                "the first interrupt is reported, not kept",
                Thread.currentThread().isInterrupted());
    }

    @Test
    public void aSecondInterruptStopsWaiting() {
        RunOutcome cancelled = Outcomes.noRun();
        engine = n -> {
            if (n == 1) {
                Thread.currentThread().interrupt(); // interrupted again before k6 Cloud confirmed the stop
            } else {
                outcome.complete(cancelled);
            }
        };
        Thread.currentThread().interrupt();
        OutcomeWait.Waited w = await();
        assertTrue(w.interrupted());
        assertSame(cancelled, w.outcome());
        assertEquals(List.of("cancel", "stop waiting"), cancels);
        assertTrue("the second interrupt is kept", Thread.currentThread().isInterrupted());
    }

    @Test
    public void whenTheEngineClosedWithoutAnOutcomeTheWaitEndsAtOnce() {
        engineClosed.complete(null); // hours of timeouts: only the closed engine can end this wait in time
        OutcomeWait.Waited w = await();
        assertNull(w.outcome());
        assertTrue(w.engineClosed());
        assertFalse(w.interrupted());
        assertTrue("nothing more is asked of a closed engine", cancels.isEmpty());
    }

    @Test
    public void anInterruptWhileTheEngineClosesDoesNotWaitForTheStop() {
        engine = n -> engineClosed.complete(null);
        Thread.currentThread().interrupt();
        OutcomeWait.Waited w = await();
        assertTrue(w.interrupted());
        assertTrue(w.engineClosed());
        assertNull(w.outcome());
        assertEquals("no second cancel", List.of("cancel"), cancels);
    }

    @Test
    public void anOutcomeIsReturnedAlsoWhenTheEngineClosedAfterReportingIt() {
        outcome.complete(Outcomes.passed(1));
        OutcomeWait.Waited w = await();
        assertFalse(w.interrupted());
        assertFalse(w.gaveUp());
        assertSame(outcome.getNow(null), w.outcome());
        RunOutcome cancelled = Outcomes.noRun();
        outcome = CompletableFuture.completedFuture(cancelled); // the engine's close reported the stopped run
        engineClosed.complete(null);
        w = await();
        assertSame(cancelled, w.outcome());
        assertFalse(w.engineClosed());
        assertTrue(cancels.isEmpty());
    }
}
