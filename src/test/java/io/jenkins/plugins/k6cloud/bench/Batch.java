package io.jenkins.plugins.k6cloud.bench;

import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.simulator.JournalMode;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.RunRecord;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.Transition;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * One measurement: a fresh simulator on loopback (real time, request counts only), {@code size}
 * runs of one realistic load test watched by one design, and what that cost.
 */
final class Batch {
    static final int SIMULATOR_THREADS = 8;
    /** Past the runs' own length, the longest a batch may take before its runs count as failed. */
    static final Duration GRACE = Duration.ofMinutes(2);

    private final BenchOptions options;

    Batch(BenchOptions options) {
        this.options = options;
    }

    Measurement measure(int size, boolean engine) throws IOException, InterruptedException {
        Duration lifetime = options.timings().total();
        // one kept-alive connection per run at most, so that neither design runs out of loopback ports
        OkHttpClient http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(size + 16, 5, TimeUnit.MINUTES)).build();
        try (K6CloudSimulator sim = K6CloudSimulator.builder().threads(SIMULATOR_THREADS).backlog(8192)
                .journalMode(JournalMode.countingOnly()).start()) {
            long testId = sim.addLoadTest("benchmark", Scenarios.passes().withTimings(options.timings()));
            K6CloudClient client = new HttpK6CloudClient(http, sim.uri(), ApiToken.of(sim.token()),
                    ClientOptions.builder().pluginVersion("benchmark").build());
            double heapBefore = ProcessProbe.heapAfterGcMb();
            double rssBefore = ProcessProbe.rssMb();
            ProcessProbe.resetPeakThreads();
            long cpuBefore = ProcessProbe.processCpuNanos();
            try (Watchers w = engine ? new EngineWatchers(options.engineThreads(), client, settings(sim, lifetime))
                    : new BaselineWatchers(client, options.interval(), lifetime.plus(GRACE), sim.webAppUrl())) {
                w.startAll(testId, size);
                // halfway through the load phase every run is in flight: that is when memory is measured
                Duration midRun = options.timings().untilRunning().plus(options.timings().running().dividedBy(2));
                w.await(midRun);
                w.pollingThreadsNow();
                double heap = ProcessProbe.heapAfterGcMb() - heapBefore;
                double rss = ProcessProbe.rssMb() - rssBefore;
                w.await(lifetime.plus(GRACE));
                long cpu = ProcessProbe.processCpuNanos() - cpuBefore;
                long watcherCpu = w.watcherCpuNanos();
                List<Long> latencies = latencies(sim, testId, w);
                return new Measurement(w.pollingThreadsPeak(), ProcessProbe.peakThreads(), heap, rss,
                        sim.journal().totalRequests() / (double) size, minimumRequests(lifetime),
                        percentile(latencies, 50), percentile(latencies, 99), cpu / 1e9, watcherCpu / 1e9,
                        latencies.size(), w.failures());
            }
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private RunSettings settings(K6CloudSimulator sim, Duration lifetime) {
        return RunSettings.defaults().withPollInterval(options.interval()).withWebAppUrl(sim.webAppUrl())
                .withTimeout(lifetime.plus(GRACE));
    }

    /** One start, one read per interval until the run is processed, one thresholds read. */
    double minimumRequests(Duration lifetime) {
        long interval = options.interval().toMillis();
        return 2 + (lifetime.toMillis() + interval - 1) / interval;
    }

    /** Per run: from the simulator's last transition (processing over, run_status terminal) to the verdict. */
    private static List<Long> latencies(K6CloudSimulator sim, long testId, Watchers w) {
        List<Long> out = new ArrayList<>();
        for (RunRecord r : sim.journal().runsOf(testId)) {
            Long verdictAt = w.verdictTimes().get(r.id());
            List<Transition> t = r.transitions();
            if (verdictAt != null && !t.isEmpty()) {
                out.add(verdictAt - t.get(t.size() - 1).at().toEpochMilli());
            }
        }
        return out;
    }

    static double percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
