package io.jenkins.plugins.k6cloud.simulator;

import io.jenkins.plugins.k6cloud.testing.UtcClock;
import java.time.Clock;

/** A clock that runs {@code factor} times faster than {@code base}, from the instant it was made. */
public final class ScaledClock extends UtcClock {
    private final Clock base;
    private final double factor;
    private final long originMillis;

    public ScaledClock(Clock base, double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("the speed-up factor must be a positive number, not " + factor);
        }
        this.base = base;
        this.factor = factor;
        this.originMillis = base.millis();
    }

    @Override
    public long millis() {
        return originMillis + (long) ((base.millis() - originMillis) * factor);
    }
}
