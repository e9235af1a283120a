package io.jenkins.plugins.k6cloud.api;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110 section 10.2.3). */
final class RetryAfter {
    private static final long MAX_SECONDS = Duration.ofDays(1).toSeconds();

    private RetryAfter() {}

    /** The delay in milliseconds (0 for a date in the past), or -1 when the header is absent or unreadable. */
    static long millis(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String h = header.trim();
        if (h.chars().allMatch(Character::isDigit)) {
            if (h.length() > 9) {
                return MAX_SECONDS * 1000;
            }
            return Math.min(Long.parseLong(h), MAX_SECONDS) * 1000;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
            long delay = at.toInstant().toEpochMilli() - clock.millis();
            return Math.max(0, Math.min(delay, MAX_SECONDS * 1000));
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
