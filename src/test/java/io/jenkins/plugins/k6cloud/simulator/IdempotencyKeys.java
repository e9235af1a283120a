package io.jenkins.plugins.k6cloud.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@code K6-Idempotency-Key}s of v6 starts: within {@link #VALIDITY} of its first use, a key sent again for the
 * same load test gives back the run it created instead of a new one.
 */
final class IdempotencyKeys {
    /** How long k6 Cloud remembers a key ("valid for 10 minutes"). */
    static final Duration VALIDITY = Duration.ofMinutes(10);

    private record Use(long testId, Instant at, SimRun run) {}

    private final Map<String, Use> uses = new ConcurrentHashMap<>();

    /**
     * The run {@code key} created for {@code testId} within the validity, or a new one from {@code create} (remembered
     * under {@code key} when there is one).
     */
    synchronized SimRun runFor(String key, long testId, Instant now, Supplier<SimRun> create) {
        if (key == null) {
            return create.get();
        }
        Use earlier = uses.get(key);
        if (earlier != null
                && earlier.testId() == testId
                && now.isBefore(earlier.at().plus(VALIDITY))) {
            return earlier.run();
        }
        SimRun run = create.get();
        uses.put(key, new Use(testId, now, run));
        return run;
    }
}
