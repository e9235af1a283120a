package io.jenkins.plugins.k6cloud.bench;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.simulator.JournalMode;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.RunRecord;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.Timings;
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
 * One measurement: a fresh simulator on loopback (real time, request counts only), {@code size} runs of one realistic
 * load test watched by one design, and what that cost.
 */
final class Batch {
    static final int SIMULATOR_THREADS = 8;
    /** Load tests whose runs end at different points of the poll interval. */
    static final int PHASE_SHIFTS = 10;
    /** Past the runs' own length, the longest a batch may take before its runs count as failed. */
    static final Duration GRACE = Duration.ofMinutes(2);

    private final BenchOptions options;

    Batch(BenchOptions options) {
        this.options = options;
    }

    WatchBenchmark.Measurement measure(int size, boolean engine) throws IOException, InterruptedException {
        Duration lifetime = options.timings().total().plus(options.interval());
        // one kept-alive connection per run at most, so that neither design runs out of loopback ports
        OkHttpClient http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(size + 16, 5, TimeUnit.MINUTES))
                .build();
        try (K6CloudSimulator sim = K6CloudSimulator.builder()
                .threads(SIMULATOR_THREADS)
                .backlog(8192)
                .journalMode(JournalMode.countingOnly())
                .start()) {
            List<Long> testIds = new ArrayList<>();
            for (Timings t : shiftedTimings()) {
                testIds.add(sim.addLoadTest(
                        "benchmark-" + testIds.size(), Scenarios.passes().withTimings(t)));
            }
            K6CloudClient client = new HttpK6CloudClient(
                    ApiFlavour.V2,
                    http,
                    sim.uri(),
                    ApiToken.of(sim.token()),
                    ClientOptions.defaults().withPluginVersion("benchmark"));
            double heapBefore = ProcessProbe.heapAfterGcMb();
            double rssBefore = ProcessProbe.rssMb();
            ProcessProbe.resetPeakThreads();
            long cpuBefore = ProcessProbe.processCpuNanos();
            try (Watchers w = engine
                    ? new Watchers.Engine(options.engineThreads(), client, settings(sim, lifetime))
                    : new Watchers.Baseline(client, options.interval(), lifetime.plus(GRACE), sim.webAppUrl())) {
                w.startAll(testIds, size);
                // halfway through the load phase every run is in flight: that is when memory is measured
                Duration midRun = options.timings()
                        .untilRunning()
                        .plus(options.timings().running().dividedBy(2));
                w.await(midRun);
                w.pollingThreadsNow();
                double heap = ProcessProbe.heapAfterGcMb() - heapBefore;
                double rss = ProcessProbe.rssMb() - rssBefore;
                w.await(lifetime.plus(GRACE));
                long cpu = ProcessProbe.processCpuNanos() - cpuBefore;
                long watcherCpu = w.watcherCpuNanos();
                List<Long> latencies = latencies(sim, testIds, w);
                return new WatchBenchmark.Measurement(
                        w.pollingThreadsPeak(),
                        ProcessProbe.peakThreads(),
                        heap,
                        rss,
                        sim.journal().totalRequests() / (double) size,
                        minimumRequests(size),
                        percentile(latencies, 50),
                        percentile(latencies, 99),
                        cpu / 1e9,
                        watcherCpu / 1e9,
                        latencies.size(),
                        w.failures());
            }
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private RunSettings settings(K6CloudSimulator sim, Duration lifetime) {
        return RunSettings.of(sim.webAppUrl(), options.interval(), lifetime.plus(GRACE), BuildResult.FAILURE, true);
    }

    /**
     * The run's timings with the load phase lengthened by 0.05, 0.15, ... 0.95 of the poll interval: real runs do not
     * end on a poll, so the time from the end to the next poll spreads over a whole interval instead of being the same
     * for every run.
     */
    List<Timings> shiftedTimings() {
        List<Timings> out = new ArrayList<>();
        Timings base = options.timings();
        long interval = options.interval().toMillis();
        for (int k = 0; k < PHASE_SHIFTS; k++) {
            long shift = interval * (2 * k + 1) / (2 * PHASE_SHIFTS);
            out.add(base.withRunning(base.running().plusMillis(shift)));
        }
        return out;
    }

    /** Per run, on average: one start, one read per interval until the run is processed, one thresholds read. */
    double minimumRequests(int size) {
        long interval = options.interval().toMillis();
        List<Timings> timings = shiftedTimings();
        double sum = 0;
        for (int i = 0; i < size; i++) {
            long lifetime = timings.get(i % timings.size()).total().toMillis();
            sum += 2 + (lifetime + interval - 1) / interval;
        }
        return sum / size;
    }

    /** Per run: from the simulator's last transition (processing over, run_status terminal) to the verdict. */
    private static List<Long> latencies(K6CloudSimulator sim, List<Long> testIds, Watchers w) {
        List<Long> out = new ArrayList<>();
        List<RunRecord> runs = new ArrayList<>();
        testIds.forEach(id -> runs.addAll(sim.journal().runsOf(id)));
        for (RunRecord r : runs) {
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
