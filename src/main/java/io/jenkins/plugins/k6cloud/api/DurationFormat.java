package io.jenkins.plugins.k6cloud.api;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 500ms}, {@code 2s}, {@code 90s}, {@code 5m}, {@code 1h}, {@code 1h30m}. */
public final class DurationFormat {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private DurationFormat() {}

    /** @throws IllegalArgumentException with a message that shows the expected form */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A duration is empty: write it like 30s, 5m or 1h");
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.chars().allMatch(Character::isDigit)) {
            return checked(text, Duration.ofSeconds(Long.parseLong(s)));
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.lookingAt()) {
            ChronoUnit unit =
                    switch (m.group(2)) {
                        case "ms" -> ChronoUnit.MILLIS;
                        case "s" -> ChronoUnit.SECONDS;
                        case "m" -> ChronoUnit.MINUTES;
                        case "h" -> ChronoUnit.HOURS;
                        default -> ChronoUnit.DAYS; // a day is 24 hours here
                    };
            total = total.plus(Long.parseLong(m.group(1)), unit);
            end = m.end();
            m.region(end, s.length());
        }
        if (end != s.length() || end == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write it like 30s, 5m, 1h or 1h30m"
                    + " (a plain number means seconds)");
        }
        return checked(text, total);
    }

    private static Duration checked(String text, Duration d) {
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is zero: give a positive duration such as 30s or 5m");
        }
        return d;
    }

    /** How long until something happens, rounded up to whole seconds: {@code 5s}, {@code 2m30s}. */
    public static String untilNext(long millis) {
        return format(Duration.ofSeconds((Math.max(0, millis) + 999) / 1000));
    }

    /** The shortest exact form: {@code 1h30m}, {@code 45s}, {@code 1500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        return (s >= 3600 ? s / 3600 + "h" : "")
                + (s % 3600 >= 60 ? s % 3600 / 60 + "m" : "")
                + (s % 60 > 0 ? s % 60 + "s" : "");
    }
}
