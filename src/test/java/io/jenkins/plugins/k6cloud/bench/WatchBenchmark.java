package io.jenkins.plugins.k6cloud.bench;

import io.jenkins.plugins.k6cloud.api.DurationFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Watching many k6 Cloud runs at once: the plugin's {@code RunEngine} (a few scheduler threads)
 * against the thread-per-run design of the existing plugins, both against the k6 Cloud simulator
 * on loopback in real time. Prints a table per size, the ratios engine ÷ baseline, and PASS/MISS
 * for the targets at 1,000 runs. A main class, not a test: performance is never asserted in tests.
 *
 * <pre>
 * java -cp offline/plugin/target/classes:offline/plugin/target/test-classes:$(cat offline/plugin/target/runner.classpath) \
 *     io.jenkins.plugins.k6cloud.bench.WatchBenchmark --sizes 100,1000,5000 --interval 1s --repeats 1
 * </pre>
 */
public final class WatchBenchmark {
    static final int TARGET_SIZE = 1000;
    static final int WARM_UP_RUNS = 50;
    static final double TARGET_POLLING_THREADS = 4;
    static final double TARGET_HEAP_MB = 64;
    static final double TARGET_REQUEST_RATIO = 1.05;
    static final long TARGET_DETECTION_MARGIN_MILLIS = 250;

    private WatchBenchmark() {}

    public static void main(String[] args) throws Exception {
        // the JDK server writes headers and body separately: without TCP_NODELAY each answer waits for a delayed ACK;
        // and it must keep every client's connection open, or thousands of threads reconnect on every poll
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.setProperty("sun.net.httpserver.maxIdleConnections", "20000");
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                Locale.ROOT,
                "machine: %d cores, %s %s (%s), max heap %d MB, %s %s%n",
                rt.availableProcessors(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.vendor"),
                rt.maxMemory() >> 20,
                System.getProperty("os.name"),
                System.getProperty("os.arch"));
        System.out.printf(
                Locale.ROOT,
                "runs: %s in all (queued %s, initializing %s, running %s + 0.05..0.95 interval,"
                        + " processing %s),"
                        + " poll interval %s, engine threads %d, baseline stack %d KiB, %d repeat(s), medians shown,"
                        + " engine first on odd repeats%n",
                DurationFormat.format(options.timings().total()),
                DurationFormat.format(options.timings().queued()),
                DurationFormat.format(options.timings().initializing()),
                DurationFormat.format(options.timings().running()),
                DurationFormat.format(options.timings().processing()),
                DurationFormat.format(options.interval()),
                options.engineThreads(),
                Watchers.Baseline.STACK_BYTES / 1024,
                options.repeats());
        warmUp(options);
        Batch batch = new Batch(options);
        boolean targetMeasured = false;
        for (int size : options.sizes()) {
            List<Measurement> engine = new ArrayList<>();
            List<Measurement> baseline = new ArrayList<>();
            for (int r = 0; r < options.repeats(); r++) {
                // the design measured second runs in a warmer JVM: alternate which one goes first
                boolean engineFirst = r % 2 == 0;
                Measurement first = batch.measure(size, engineFirst);
                Measurement second = batch.measure(size, !engineFirst);
                engine.add(engineFirst ? first : second);
                baseline.add(engineFirst ? second : first);
            }
            Measurement e = median(engine);
            Measurement b = median(baseline);
            printTable(size, e, b);
            if (size == TARGET_SIZE) {
                printTargets(e, options.interval().toMillis());
                targetMeasured = true;
            }
        }
        if (!targetMeasured) {
            System.out.println("targets: they are set for " + TARGET_SIZE + " runs, which this run did not measure");
        }
    }

    /** One short untimed batch per design first, so that neither is measured while the JIT compiles. */
    private static void warmUp(BenchOptions options) throws Exception {
        int size = Math.min(
                WARM_UP_RUNS,
                options.sizes().stream().mapToInt(Integer::intValue).min().orElse(1));
        Batch quick = new Batch(new BenchOptions(
                List.of(size), options.interval(), 1, options.engineThreads(), BenchOptions.QUICK_RUN));
        quick.measure(size, true);
        quick.measure(size, false);
    }

    private static void printTable(int size, Measurement e, Measurement b) {
        System.out.printf(Locale.ROOT, "%n%,d concurrent runs%n", size);
        System.out.printf(Locale.ROOT, "  %-44s %12s %12s %10s%n", "", "engine", "baseline", "eng/base");
        row("polling threads (peak)", e.pollingThreads(), b.pollingThreads(), "%.0f");
        row("live threads in the JVM (peak)", e.peakThreads(), b.peakThreads(), "%.0f");
        row("heap used after GC, mid-run (MB, delta)", e.heapMb(), b.heapMb(), "%.1f");
        row("resident memory, mid-run (MB, delta)", e.rssMb(), b.rssMb(), "%.1f");
        row(
                "HTTP requests per run (minimum " + fmt("%.0f", e.minimumRequestsPerRun()) + ")",
                e.requestsPerRun(),
                b.requestsPerRun(),
                "%.2f");
        row("detection latency p50 (ms)", e.p50Millis(), b.p50Millis(), "%.0f");
        row("detection latency p99 (ms)", e.p99Millis(), b.p99Millis(), "%.0f");
        row("process CPU (s, simulator included)", e.processCpuSeconds(), b.processCpuSeconds(), "%.2f");
        row("polling threads' CPU (s)", e.watcherCpuSeconds(), b.watcherCpuSeconds(), "%.2f");
        row("runs judged", e.verdicts(), b.verdicts(), "%.0f");
        System.out.printf(Locale.ROOT, "  %-44s %12d %12d%n", "runs not judged PASSED", e.failures(), b.failures());
    }

    private static void row(String name, double engine, double baseline, String format) {
        String ratio =
                baseline == 0 || Double.isNaN(baseline) || Double.isNaN(engine) ? "-" : fmt("%.3f", engine / baseline);
        System.out.printf(
                Locale.ROOT, "  %-44s %12s %12s %10s%n", name, fmt(format, engine), fmt(format, baseline), ratio);
    }

    private static String fmt(String format, double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, format, v);
    }

    private static void printTargets(Measurement e, long intervalMillis) {
        System.out.printf(Locale.ROOT, "  targets at %,d runs (engine):%n", TARGET_SIZE);
        target(
                "polling threads <= " + fmt("%.0f", TARGET_POLLING_THREADS),
                e.pollingThreads(),
                e.pollingThreads() <= TARGET_POLLING_THREADS);
        target("heap <= " + fmt("%.0f", TARGET_HEAP_MB) + " MB", e.heapMb(), e.heapMb() <= TARGET_HEAP_MB);
        double max = TARGET_REQUEST_RATIO * e.minimumRequestsPerRun();
        target(
                "requests per run <= 1.05 x minimum = " + fmt("%.2f", max),
                e.requestsPerRun(),
                e.requestsPerRun() <= max);
        long p99 = intervalMillis + TARGET_DETECTION_MARGIN_MILLIS;
        target("p99 detection <= interval + 250 ms = " + p99 + " ms", e.p99Millis(), e.p99Millis() <= p99);
        target("every run judged PASSED", e.failures(), e.failures() == 0);
    }

    private static void target(String what, double value, boolean met) {
        System.out.printf(
                Locale.ROOT, "    %-4s %-48s (measured %s)%n", met ? "PASS" : "MISS", what, fmt("%.2f", value));
    }

    /**
     * What one design cost to watch one batch of runs: the most threads polling at once and live in the JVM, heap
     * (after GC) and resident memory mid-run less the same before, HTTP requests per run and the minimum (start, one
     * read per interval, the thresholds), the time from a run's last transition to its verdict, CPU of the process and
     * of the polling threads, runs judged, and runs that ended in anything but PASSED or not at all.
     */
    record Measurement(
            double pollingThreads,
            double peakThreads,
            double heapMb,
            double rssMb,
            double requestsPerRun,
            double minimumRequestsPerRun,
            double p50Millis,
            double p99Millis,
            double processCpuSeconds,
            double watcherCpuSeconds,
            int verdicts,
            int failures) {}

    /** Field by field, the median over the repeats. */
    static Measurement median(List<Measurement> ms) {
        return new Measurement(
                med(ms, Measurement::pollingThreads),
                med(ms, Measurement::peakThreads),
                med(ms, Measurement::heapMb),
                med(ms, Measurement::rssMb),
                med(ms, Measurement::requestsPerRun),
                med(ms, Measurement::minimumRequestsPerRun),
                med(ms, Measurement::p50Millis),
                med(ms, Measurement::p99Millis),
                med(ms, Measurement::processCpuSeconds),
                med(ms, Measurement::watcherCpuSeconds),
                (int) med(ms, Measurement::verdicts),
                (int) Math.round(med(ms, Measurement::failures)));
    }

    private static double med(List<Measurement> ms, ToDoubleFunction<Measurement> f) {
        double[] v = ms.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
