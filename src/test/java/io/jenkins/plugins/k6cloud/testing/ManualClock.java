package io.jenkins.plugins.k6cloud.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when a test moves it. Shared by the simulator and the engine under test. */
public final class ManualClock extends UtcClock {
    private final AtomicLong millis;

    public ManualClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time does not go backwards: " + d);
        }
        millis.addAndGet(d.toMillis());
    }

    /** Moves the clock to {@code epochMillis} if that is later than now. */
    public void advanceTo(long epochMillis) {
        millis.accumulateAndGet(epochMillis, Math::max);
    }

    @Override
    public long millis() {
        return millis.get();
    }
}
