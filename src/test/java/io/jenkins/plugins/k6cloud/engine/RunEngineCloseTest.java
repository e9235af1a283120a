package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.engine.RunEngine.OnEngineClose;
import io.jenkins.plugins.k6cloud.engine.Scheduler.ThreadPoolScheduler;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

/** Closing the engine (a controller restart): calls in flight are interrupted, yet no watch turns that into a verdict or a stop; runs whose callers cannot resume them are cancelled first, none is started once the shutdown began, and their callers get an outcome. Many runs share a few threads, which close() stops. */
public class RunEngineCloseTest {
    @Rule
    public final EngineHarness h = new EngineHarness();

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

    @Test
    public void aStartOrAPollInterruptedByCloseReportsNothingAndStopsNothing() throws Exception {
        for (WatchPhase cut : List.of(WatchPhase.STARTING, WatchPhase.WATCHING)) {
            long testId = h.longTest();
            InterceptingClient client = new InterceptingClient(h.client);
            if (cut == WatchPhase.STARTING) {
                client.beforeStart = client.hang();
            } else {
                client.beforeRead = client.hang();
            }
            RecordingListener listener = new RecordingListener();
            RunWatch handle = threadedEngine().start(testId, h.settings(), client, listener);
            EngineHarness.awaitQuietly(client.stalled);

            engine.close();

            assertFalse(
                    "no outcome: the Pipeline step resumes after the restart",
                    handle.outcome().isDone());
            assertTrue(listener.linesContaining("k6 Cloud verdict").isEmpty());
            assertEquals(cut, handle.state().phase());
            assertEquals("the state to resume from", cut, listener.lastState().phase());
        }
        assertEquals("no stop was sent", 0, h.sim.journal().count(Endpoint.STOP));
        assertEquals(
                "the run is left going", 1, h.sim.journal().runsLeftRunning().size());
    }

    @Test
    public void cancelUnresumableStopsOnlyTheRunsThatCannotBeResumed() throws Exception {
        long testId = h.longTest();
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

    // ---- a graceful shutdown and the runs that cannot be resumed

    @Test
    public void anUnresumableStartOnceTheShutdownBeganStartsNoRun() {
        long testId = h.longTest();
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
        long testId = h.longTest();
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

    // ---- many runs on a few engine threads

    private static final String PREFIX = "k6-cloud-engine-test";
    private static final int THREADS = 4;
    private static final int RUNS = 200;

    private static int engineThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(PREFIX + "-") && t.isAlive())
                .count();
    }

    @Test
    public void twoHundredRunsOnFourThreads() throws Exception {
        assertEquals(0, engineThreads());
        long testId = h.test(Scenarios.passes());
        AtomicInteger most = new AtomicInteger();
        AtomicInteger fewest = new AtomicInteger(Integer.MAX_VALUE);
        Set<String> callbackThreads = ConcurrentHashMap.newKeySet();
        RunEvents sampling = new RunEvents() {
            @Override
            public void onLine(String line) {
                int n = engineThreads();
                most.accumulateAndGet(n, Math::max);
                fewest.accumulateAndGet(n, Math::min);
                callbackThreads.add(Thread.currentThread().getName());
            }
        };
        RunSettings settings = TestSettings.pollInterval(
                TestSettings.timeout(h.settings(), Duration.ofDays(1)), Duration.ofSeconds(15));
        List<CompletableFuture<RunOutcome>> outcomes = new ArrayList<>();
        try (RunEngine engine =
                new RunEngine(new FastForwardScheduler(new ThreadPoolScheduler(PREFIX, THREADS), h.clock), h.clock)) {
            assertEquals(THREADS, engineThreads());
            for (int i = 0; i < RUNS; i++) {
                outcomes.add(engine.start(testId, settings, h.client, sampling).outcome());
            }
            CompletableFuture.allOf(outcomes.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
            assertEquals(THREADS, engineThreads());
        }
        assertEquals("close() stops the engine threads", 0, engineThreads());
        for (CompletableFuture<RunOutcome> o : outcomes) {
            assertEquals(o.join().message(), Verdict.PASSED, o.join().verdict());
        }
        assertEquals(THREADS, most.get());
        assertEquals(THREADS, fewest.get());
        assertTrue(
                "every callback on an engine thread: " + callbackThreads,
                callbackThreads.stream().allMatch(n -> n.startsWith(PREFIX + "-")));
        assertEquals(RUNS, h.count(e -> e.endpoint() == Endpoint.START, RUNS));
        assertEquals(RUNS, h.sim.journal().runsOf(testId).size());
        assertThat(h.sim.journal().runsLeftRunning(), empty());
    }
}
