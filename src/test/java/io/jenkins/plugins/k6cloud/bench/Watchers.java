package io.jenkins.plugins.k6cloud.bench;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.engine.RunEvents;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.engine.Scheduler.ThreadPoolScheduler;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import io.jenkins.plugins.k6cloud.engine.VerdictRules;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One design of watching many k6 Cloud runs: it starts them, follows each to a verdict, and records when each verdict
 * was reached and how many threads polled: the plugin's {@link Engine} or the {@link Baseline}.
 */
abstract class Watchers implements AutoCloseable {
    private final Map<Long, Long> verdictAt = new ConcurrentHashMap<>();
    private final AtomicInteger failures = new AtomicInteger();
    private CountDownLatch judged;

    /** Starts {@code runs} runs, of the load tests in turn, and returns at once. */
    final void startAll(List<Long> testIds, int runs) {
        judged = new CountDownLatch(runs);
        for (int i = 0; i < runs; i++) {
            start(testIds.get(i % testIds.size()), i + 1);
        }
    }

    /** Starts watching the {@code n}th run, of {@code testId}. */
    abstract void start(long testId, int n);

    abstract int pollingThreadsNow();

    abstract int pollingThreadsPeak();

    /** CPU time of the polling threads so far, in nanoseconds. */
    abstract long watcherCpuNanos();

    /** Records that run {@code runId} was judged now (wall-clock millis, the simulator's clock too). */
    final void judged(Long runId, Verdict verdict) {
        if (runId != null) {
            verdictAt.put(runId, System.currentTimeMillis());
        }
        if (verdict != Verdict.PASSED) {
            failures.incrementAndGet();
        }
        judged.countDown();
    }

    /** A run that could not be followed to a verdict at all. */
    final void failed() {
        failures.incrementAndGet();
        judged.countDown();
    }

    final boolean await(Duration bound) throws InterruptedException {
        return judged.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    final Map<Long, Long> verdictTimes() {
        return verdictAt;
    }

    final int failures() {
        return failures.get() + (int) judged.getCount();
    }

    @Override
    public abstract void close();

    /** The plugin's design: every run a state machine on one small {@link RunEngine} scheduler. */
    static final class Engine extends Watchers {
        static final String PREFIX = "k6-bench-engine";
        private static final RunEvents QUIET = new RunEvents() {};
        private final RunEngine engine;
        private final K6CloudClient client;
        private final RunSettings settings;
        private int peak;

        Engine(int threads, K6CloudClient client, RunSettings settings) {
            this.engine = new RunEngine(new ThreadPoolScheduler(PREFIX, threads), Clock.systemUTC());
            this.client = client;
            this.settings = settings;
        }

        @Override
        void start(long testId, int n) {
            engine.start(testId, settings, client, QUIET).outcome().whenComplete((o, e) -> {
                if (o == null) {
                    failed();
                } else {
                    judged(o.runId(), o.verdict());
                }
            });
        }

        @Override
        synchronized int pollingThreadsNow() {
            int n = ProcessProbe.liveThreads(PREFIX + "-");
            peak = Math.max(peak, n);
            return n;
        }

        @Override
        synchronized int pollingThreadsPeak() {
            return peak;
        }

        @Override
        long watcherCpuNanos() {
            return ProcessProbe.threadCpuNanos(PREFIX + "-");
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    /**
     * The design of the existing plugins, for comparison only: one blocking platform thread per run that starts
     * it, sleeps and polls until the run is over, then reads its thresholds. Same client, same verdict rules. The
     * threads get a 256 KiB stack so that 5,000 fit; they are named, daemon, bounded and interrupted on close.
     */
    static final class Baseline extends Watchers {
        static final String PREFIX = "k6-bench-baseline";
        static final long STACK_BYTES = 256 * 1024;
        private final K6CloudClient client;
        private final Duration interval;
        private final Duration bound;
        private final String webAppUrl;
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicInteger live = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();
        private final LongAdder cpu = new LongAdder();

        Baseline(K6CloudClient client, Duration interval, Duration bound, String webAppUrl) {
            this.client = client;
            this.interval = interval;
            this.bound = bound;
            this.webAppUrl = webAppUrl;
        }

        @Override
        void start(long testId, int n) {
            Thread t = new Thread(null, () -> watch(testId), PREFIX + "-" + n, STACK_BYTES);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }

        private void watch(long testId) {
            peak.accumulateAndGet(live.incrementAndGet(), Math::max);
            long deadline = System.currentTimeMillis() + bound.toMillis();
            boolean judged = false;
            try {
                TestRun run = client.startRun(testId);
                while (!(run.runStatus().isTerminal() && run.processingStatus().isDone())) {
                    if (System.currentTimeMillis() > deadline) {
                        return;
                    }
                    Thread.sleep(interval.toMillis());
                    run = client.getRun(run.id());
                }
                client.getThresholds(run.id());
                judged(
                        run.id(),
                        VerdictRules.judge(run, false, webAppUrl + "/runs/" + run.id())
                                .verdict());
                judged = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (K6CloudException | RuntimeException e) {
                // counted as a failure below
            } finally {
                if (!judged) {
                    failed();
                }
                cpu.add(ProcessProbe.currentThreadCpuNanos());
                live.decrementAndGet();
            }
        }

        @Override
        int pollingThreadsNow() {
            return live.get();
        }

        @Override
        int pollingThreadsPeak() {
            return peak.get();
        }

        @Override
        long watcherCpuNanos() {
            return cpu.sum();
        }

        @Override
        public void close() {
            threads.forEach(Thread::interrupt);
            for (Thread t : threads) {
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
