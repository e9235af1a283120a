package io.jenkins.plugins.k6cloud.bench;

import io.jenkins.plugins.k6cloud.engine.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One design of watching many k6 Cloud runs: it starts them, follows each to a verdict, and
 * records when each verdict was reached and how many threads it polled on.
 */
abstract class Watchers implements AutoCloseable {
    private final Map<Long, Long> verdictAt = new ConcurrentHashMap<>();
    private final AtomicInteger failures = new AtomicInteger();
    private CountDownLatch judged;

    abstract String name();

    /** Starts {@code runs} runs, of the load tests in turn, and returns at once. */
    final void startAll(List<Long> testIds, int runs) {
        judged = new CountDownLatch(runs);
        for (int i = 0; i < runs; i++) {
            start(testIds.get(i % testIds.size()), i + 1);
        }
    }

    /** Starts watching the {@code n}th run, of {@code testId}. */
    abstract void start(long testId, int n);

    /** The threads polling k6 Cloud right now. */
    abstract int pollingThreadsNow();

    /** The most threads that polled at once so far. */
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
}
