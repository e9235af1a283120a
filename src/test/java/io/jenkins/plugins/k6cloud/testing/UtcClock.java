package io.jenkins.plugins.k6cloud.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock in UTC only, defined by its {@link #millis()}: the base of the test clocks. */
public abstract class UtcClock extends Clock {
    @Override
    public abstract long millis();

    @Override
    public final Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public final ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public final Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is UTC only");
    }
}
