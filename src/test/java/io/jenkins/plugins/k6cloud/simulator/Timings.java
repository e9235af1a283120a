package io.jenkins.plugins.k6cloud.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a run stays in each phase: created, validated, queued, initializing, running (load phase, until the outcome
 * ends it) and processing (metrics processing after the run ended).
 */
public record Timings(
        Duration created,
        Duration validated,
        Duration queued,
        Duration initializing,
        Duration running,
        Duration processing) {

    public Timings {
        for (Duration d : new Duration[] {created, validated, queued, initializing, running, processing}) {
            Objects.requireNonNull(d, "phase durations must not be null");
            if (d.isNegative()) {
                throw new IllegalArgumentException("a phase duration must not be negative: " + d);
            }
        }
    }

    /** Virtual-time defaults for tests: 1 s, 1 s, 2 s, 5 s, 30 s running, 5 s processing. */
    public static Timings standard() {
        return new Timings(
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5));
    }

    /** Real-time demo: a complete run in about 15 s (queued, initializing, running 8 s, processing 2 s). */
    public static Timings demo() {
        return new Timings(
                Duration.ofMillis(500),
                Duration.ofMillis(500),
                Duration.ofMillis(1500),
                Duration.ofSeconds(2),
                Duration.ofSeconds(8),
                Duration.ofSeconds(2));
    }

    public Timings withRunning(Duration d) {
        return new Timings(created, validated, queued, initializing, d, processing);
    }

    public Timings withProcessing(Duration d) {
        return new Timings(created, validated, queued, initializing, running, d);
    }

    /** The time from creation until the load starts (run_status 2). */
    public Duration untilRunning() {
        return created.plus(validated).plus(queued).plus(initializing);
    }

    /** The time from creation until a run that is not stopped ends. */
    public Duration untilEnd() {
        return untilRunning().plus(running);
    }

    /** The time from creation until processing is over, for a run that is not stopped. */
    public Duration total() {
        return untilEnd().plus(processing);
    }
}
