package io.jenkins.plugins.k6cloud.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that runs {@code factor} times faster than {@code base}, from the instant it was made. */
public final class ScaledClock extends Clock {
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

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("ScaledClock is UTC only");
    }
}
