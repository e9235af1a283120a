package io.jenkins.plugins.k6cloud.bench;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.engine.RunEvents;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.engine.Scheduler.ThreadPoolScheduler;
import java.time.Clock;

/** The plugin's design: every run a state machine on one small {@link RunEngine} scheduler. */
final class EngineWatchers extends Watchers {
    static final String PREFIX = "k6-bench-engine";
    private static final RunEvents QUIET = new RunEvents() {};

    private final RunEngine engine;
    private final K6CloudClient client;
    private final RunSettings settings;
    private int peak;

    EngineWatchers(int threads, K6CloudClient client, RunSettings settings) {
        this.engine = new RunEngine(new ThreadPoolScheduler(PREFIX, threads), Clock.systemUTC());
        this.client = client;
        this.settings = settings;
    }

    @Override
    String name() {
        return "engine";
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
