package io.jenkins.plugins.k6cloud.bench;

import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.simulator.Timings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The command line of {@link WatchBenchmark}: run counts, poll interval, repeats (medians), engine threads. */
record BenchOptions(List<Integer> sizes, Duration interval, int repeats, int engineThreads, Timings timings) {
    static final String USAGE = "Usage: WatchBenchmark [--sizes 100,1000,5000] [--interval 1s] [--repeats N]"
            + " [--engine-threads 4] [--quick]";
    /** Realistic but short: queued 2 s, initializing 3 s, running 15 s, processing 3 s (24 s in all). */
    static final Timings RUN = timings(2, 3, 15, 3);
    /** A smoke run: 7 s in all. */
    static final Timings QUICK_RUN = timings(1, 1, 3, 1);

    static final int MAX_RUNS = 10_000;

    private static Timings timings(int queued, int initializing, int running, int processing) {
        return new Timings(
                Duration.ofMillis(500),
                Duration.ofMillis(500),
                Duration.ofSeconds(queued),
                Duration.ofSeconds(initializing),
                Duration.ofSeconds(running),
                Duration.ofSeconds(processing));
    }

    static BenchOptions parse(String... args) {
        List<Integer> sizes = List.of(100, 1000, 5000);
        Duration interval = Duration.ofSeconds(1);
        int repeats = 1;
        int threads = 4;
        Timings timings = RUN;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" ->
                    sizes = Arrays.stream(value(args, ++i).split(","))
                            .map(s -> positive(s.strip(), "--sizes", MAX_RUNS))
                            .toList();
                case "--interval" -> {
                    interval = DurationFormat.parse(value(args, ++i));
                    RunSettings.checkPollInterval(interval); // the engine's own rule: 1 s or more
                }
                case "--repeats" -> repeats = positive(value(args, ++i), "--repeats", 20);
                case "--engine-threads" -> threads = positive(value(args, ++i), "--engine-threads", 64);
                case "--quick" -> {
                    sizes = List.of(20, 200);
                    timings = QUICK_RUN;
                }
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + ". " + USAGE);
            }
        }
        return new BenchOptions(sizes, interval, repeats, threads, timings);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value. " + USAGE);
        }
        return args[i];
    }

    private static int positive(String text, String name, int max) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " takes whole numbers from 1 to " + max + ", not '" + text + "'");
    }
}
