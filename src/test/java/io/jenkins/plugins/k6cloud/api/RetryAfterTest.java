package io.jenkins.plugins.k6cloud.api;

import static org.junit.Assert.assertEquals;

import io.jenkins.plugins.k6cloud.testing.ManualClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.Test;

/** Reading {@code Retry-After} as delay-seconds or as an HTTP-date. */
public class RetryAfterTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    public void secondsBecomeMillis() {
        assertEquals(30_000, ApiTransport.retryAfterMillis("30", clock));
        assertEquals(0, ApiTransport.retryAfterMillis("0", clock));
        assertEquals(2_000, ApiTransport.retryAfterMillis(" 2 ", clock));
        assertEquals("capped at a day", 86_400_000, ApiTransport.retryAfterMillis("99999999999999", clock));
    }

    @Test
    public void anHttpDateIsCountedFromTheClock() {
        String in45s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(45).atOffset(ZoneOffset.UTC));
        assertEquals(45_000, ApiTransport.retryAfterMillis(in45s, clock));
        assertEquals(45_000, ApiTransport.retryAfterMillis("Sun, 01 Mar 2026 10:00:45 GMT", clock));
        assertEquals("a past date means now", 0, ApiTransport.retryAfterMillis("Sun, 01 Mar 2026 09:00:00 GMT", clock));
    }

    @Test
    public void absentOrUnreadableIsMinusOne() {
        assertEquals(-1, ApiTransport.retryAfterMillis(null, clock));
        assertEquals(-1, ApiTransport.retryAfterMillis("", clock));
        assertEquals(-1, ApiTransport.retryAfterMillis("soon", clock));
        assertEquals(-1, ApiTransport.retryAfterMillis("-5", clock));
        assertEquals(-1, ApiTransport.retryAfterMillis("1.5", clock));
    }
}
