package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.engine.Scheduler.ThreadPoolScheduler;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Rule;
import org.junit.Test;

/** Many runs share a few engine threads: no thread per run, and close() stops them. */
public class RunEngineThreadsTest {
    private static final String PREFIX = "k6-cloud-engine-test";
    private static final int THREADS = 4;
    private static final int RUNS = 200;

    @Rule
    public final EngineHarness h = new EngineHarness();

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
