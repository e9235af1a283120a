package io.jenkins.plugins.k6cloud;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.engine.RunHandle;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.engine.WatchState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.junit.After;
import org.junit.Test;

/** The freestyle step's wait on the executor thread: abort stops the run, a second abort stops waiting. */
public class BlockingWaitTest {
    private final FakeTaskListener log = new FakeTaskListener();

    @After
    public void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    public void returnsTheOutcome() {
        ScriptedHandle h = new ScriptedHandle(n -> {});
        h.outcome.complete(Outcomes.passed(1));
        BlockingWait.Waited w = BlockingWait.outcome(h, RunSettings.defaults(), log);
        assertFalse(w.aborted());
        assertSame(h.outcome.getNow(null), w.outcome());
        assertTrue(h.cancels.isEmpty());
    }

    @Test
    public void abortStopsTheRunAndWaitsForItsEnd() {
        RunOutcome cancelled = Outcomes.noRun();
        ScriptedHandle h = new ScriptedHandle(n -> {});
        h.onCancel = n -> h.outcome.complete(cancelled); // the engine confirms the stop
        Thread.currentThread().interrupt(); // the build is aborted while it waits
        BlockingWait.Waited w = BlockingWait.outcome(h, RunSettings.defaults(), log);
        assertTrue(w.aborted());
        assertSame(cancelled, w.outcome());
        assertEquals(List.of("the build was aborted"), h.cancels);
        assertThat(log.text(), containsString("stopping the k6 Cloud run of load test 42"));
        assertFalse(
                "the first interrupt is reported, not kept",
                Thread.currentThread().isInterrupted());
    }

    @Test
    public void secondAbortStopsWaiting() {
        RunOutcome cancelled = Outcomes.noRun();
        ScriptedHandle h = new ScriptedHandle(n -> {});
        h.onCancel = n -> {
            if (n == 1) {
                Thread.currentThread().interrupt(); // aborted again before k6 Cloud confirmed the stop
            } else {
                h.outcome.complete(cancelled);
            }
        };
        Thread.currentThread().interrupt();
        BlockingWait.Waited w = BlockingWait.outcome(h, RunSettings.defaults(), log);
        assertTrue(w.aborted());
        assertSame(cancelled, w.outcome());
        assertEquals(List.of("the build was aborted", "stop waiting"), h.cancels);
        assertTrue(
                "the second interrupt is kept for Jenkins",
                Thread.currentThread().isInterrupted());
    }

    /** A run handle whose outcome the test completes; records every cancel. */
    static final class ScriptedHandle implements RunHandle {
        final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
        final List<String> cancels = new ArrayList<>();
        IntConsumer onCancel;

        ScriptedHandle(IntConsumer onCancel) {
            this.onCancel = onCancel;
        }

        @Override
        public CompletableFuture<RunOutcome> outcome() {
            return outcome;
        }

        @Override
        public void cancel(String reason) {
            cancels.add(reason);
            onCancel.accept(cancels.size());
        }

        @Override
        public WatchState state() {
            return new WatchState(42, null, RunSettings.defaults(), 0, null, null, !cancels.isEmpty());
        }

        @Override
        public String status() {
            return "scripted";
        }
    }
}
