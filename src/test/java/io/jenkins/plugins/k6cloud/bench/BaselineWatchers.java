package io.jenkins.plugins.k6cloud.bench;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.engine.VerdictRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The design of the existing plugins, for comparison only: one blocking platform thread per run
 * that starts it, then sleeps and polls until the run is over, then reads its thresholds. Same
 * client, same verdict rules; only the threading differs. Threads get a 256 KiB stack so that
 * 5,000 of them fit comfortably; they are named, daemon, bounded in time and interrupted on close.
 */
final class BaselineWatchers extends Watchers {
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

    BaselineWatchers(K6CloudClient client, Duration interval, Duration bound, String webAppUrl) {
        this.client = client;
        this.interval = interval;
        this.bound = bound;
        this.webAppUrl = webAppUrl;
    }

    @Override
    String name() {
        return "baseline";
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
