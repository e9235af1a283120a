package io.jenkins.plugins.k6cloud.builder;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.k6cloud.FakeTaskListener;
import io.jenkins.plugins.k6cloud.Outcomes;
import io.jenkins.plugins.k6cloud.api.ProcessingStatus;
import io.jenkins.plugins.k6cloud.api.ResultStatus;
import io.jenkins.plugins.k6cloud.api.RunStatus;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.RunHandle;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import io.jenkins.plugins.k6cloud.engine.WatchState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.junit.After;
import org.junit.Test;

/** The freestyle step's wait on the executor thread: abort stops the run, a second abort stops waiting. */
public class BlockingWaitTest {
    private final FakeTaskListener log = new FakeTaskListener();
    /** The engine is not closed while these tests wait. */
    private final CompletableFuture<Void> engineOpen = new CompletableFuture<>();

    @After
    public void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    public void returnsTheOutcome() {
        ScriptedHandle h = new ScriptedHandle(n -> {});
        h.outcome.complete(Outcomes.passed(1));
        BlockingWait.Waited w = BlockingWait.outcome(h, RunSettings.defaults(), log, engineOpen);
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
        BlockingWait.Waited w = BlockingWait.outcome(h, RunSettings.defaults(), log, engineOpen);
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
        BlockingWait.Waited w = BlockingWait.outcome(h, RunSettings.defaults(), log, engineOpen);
        assertTrue(w.aborted());
        assertSame(cancelled, w.outcome());
        assertEquals(List.of("the build was aborted", "stop waiting"), h.cancels);
        assertTrue(
                "the second interrupt is kept for Jenkins",
                Thread.currentThread().isInterrupted());
    }

    @Test
    public void whenTheEngineClosedWithTheRunStoppedTheBuildIsAborted() {
        RunOutcome cancelled = cancelled();
        ScriptedHandle h = new ScriptedHandle(n -> {});
        CompletableFuture<Void> engineClosed = new CompletableFuture<>();
        h.outcome.complete(cancelled); // the engine's close reported the stopped run
        engineClosed.complete(null);
        BlockingWait.Waited w = BlockingWait.outcome(h, RunSettings.defaults(), log, engineClosed);
        assertSame(cancelled, w.outcome());
        assertFalse(w.engineClosed());
        assertEquals(Result.ABORTED, K6CloudBuilder.result(w.outcome().buildResult()));
    }

    @Test
    public void whenTheEngineClosedWithoutAnOutcomeTheWaitEndsAtOnce() {
        ScriptedHandle h = new ScriptedHandle(n -> {}); // the outcome never completes
        CompletableFuture<Void> engineClosed = CompletableFuture.completedFuture(null);
        // hours of timeouts: only the closed engine can end this wait in time
        BlockingWait.Waited w = BlockingWait.outcome(h, RunSettings.defaults(), log, engineClosed);
        assertNull(w.outcome());
        assertTrue(w.engineClosed());
        assertFalse(w.aborted());
        assertTrue("nothing more is asked of a closed engine", h.cancels.isEmpty());
    }

    @Test
    public void anAbortWhileJenkinsShutsDownDoesNotWaitForTheStopConfirmation() {
        ScriptedHandle h = new ScriptedHandle(n -> {});
        CompletableFuture<Void> engineClosed = new CompletableFuture<>();
        h.onCancel = n -> engineClosed.complete(null); // Jenkins closes the engine while the aborted build waits
        Thread.currentThread().interrupt();
        BlockingWait.Waited w = BlockingWait.outcome(h, RunSettings.defaults(), log, engineClosed);
        assertTrue(w.aborted());
        assertTrue(w.engineClosed());
        assertNull(w.outcome());
        assertEquals("no second cancel", List.of("the build was aborted"), h.cancels);
        assertThat(log.text(), not(containsString("stopped waiting")));
    }

    private static RunOutcome cancelled() {
        return new RunOutcome(
                Verdict.CANCELLED,
                BuildResult.ABORTED,
                "k6 Cloud run 7 was stopped: Jenkins is shutting down",
                42L,
                7L,
                "https://app.k6.io/runs/7",
                RunStatus.ABORTED_BY_USER,
                5,
                ProcessingStatus.UNKNOWN,
                ResultStatus.UNKNOWN,
                Duration.ofSeconds(30),
                null,
                List.of());
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
