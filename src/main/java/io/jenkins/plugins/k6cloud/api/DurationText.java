package io.jenkins.plugins.k6cloud.api;

/** Short human text for a delay in messages: {@code 800 ms}, {@code 30 s}, {@code 2 min 5 s}. */
final class DurationText {
    private DurationText() {}

    static String of(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        long s = (millis + 500) / 1000;
        if (s < 120) {
            return s + " s";
        }
        return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }
}
