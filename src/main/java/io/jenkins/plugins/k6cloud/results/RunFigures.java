package io.jenkins.plugins.k6cloud.results;

import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;

/**
 * The figures of one run that comparisons ({@link Change}), the regression gate and the trend use, with
 * their units and which way is better. Any figure may be {@code null}: k6 Cloud did not report it.
 * Response times are in milliseconds; {@code failureRate} and {@code checksPassed} are rates 0..1.
 */
public record RunFigures(
        Double p95Ms,
        Double medianMs,
        Double p99Ms,
        Double maxMs,
        Double failureRate,
        Double rpsMean,
        Double rpsMax,
        Long requests,
        Double checksPassed,
        List<Threshold> thresholds) {

    public RunFigures {
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    }

    /** The figures of {@code summary} ({@code null}: all absent) and {@code thresholds} ({@code null}: none). */
    public static RunFigures of(RunMetrics.Summary summary, List<Threshold> thresholds) {
        RunMetrics.Http http = summary == null ? null : summary.http();
        RunMetrics.Trend d = http == null ? null : http.duration();
        RunMetrics.Checks checks = summary == null ? null : summary.checks();
        return new RunFigures(
                d == null ? null : d.p95(),
                http == null ? null : http.durationMedian(),
                d == null ? null : d.p99(),
                d == null ? null : d.max(),
                http == null ? null : http.failureRate(),
                http == null ? null : http.rpsMean(),
                http == null ? null : http.rpsMax(),
                http == null ? null : http.requests(),
                checks == null ? null : checks.passedRate(),
                thresholds);
    }

    /** How a figure's values are written. */
    public enum Unit {
        /** {@code 312 ms}, {@code 28.6 ms} */
        MS,
        /** a rate 0..1 in percent: {@code 1.25 %} */
        RATE,
        /** {@code 45.3/s} */
        PER_SECOND,
        /** {@code 0.015}, {@code 312} */
        PLAIN;

        /** {@code v} in this unit; {@code "-"} for {@code null}. */
        public String format(Double v) {
            if (v == null || v.isNaN()) {
                return "-";
            }
            return switch (this) {
                case MS -> number(v, v >= 100 ? 0 : 1) + " ms";
                case RATE -> number(v * 100, 2) + " %";
                case PER_SECOND -> number(v, 1) + "/s";
                case PLAIN -> number(v, 3);
            };
        }
    }

    /** A figure that is compared across runs, and which way is better. */
    public enum Figure {
        P95("p95", Unit.MS, true, RunFigures::p95Ms),
        MEDIAN("median", Unit.MS, true, RunFigures::medianMs),
        P99("p99", Unit.MS, true, RunFigures::p99Ms),
        MAX("max", Unit.MS, true, RunFigures::maxMs),
        FAILURE_RATE("failure rate", Unit.RATE, true, RunFigures::failureRate),
        REQUESTS_PER_SECOND("requests/s", Unit.PER_SECOND, false, RunFigures::rpsMean),
        CHECKS_PASSED("checks passed", Unit.RATE, false, RunFigures::checksPassed);

        final String label;
        final Unit unit;
        final boolean lowerIsBetter;
        private final Function<RunFigures, Double> value;

        Figure(String label, Unit unit, boolean lowerIsBetter, Function<RunFigures, Double> value) {
            this.label = label;
            this.unit = unit;
            this.lowerIsBetter = lowerIsBetter;
            this.value = value;
        }

        /** This figure of {@code run}, or {@code null}. */
        public Double of(RunFigures run) {
            return run == null ? null : value.apply(run);
        }

        /** Its change from {@code earlier} to {@code now}, or {@code null} when either lacks it. */
        Change change(RunFigures now, RunFigures earlier) {
            return Change.of(label, unit, lowerIsBetter, of(earlier), of(now));
        }
    }

    /** {@code v} with at most {@code decimals} decimals, trailing zeros dropped: {@code 312}, {@code 28.6}. */
    public static String number(double v, int decimals) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        BigDecimal d =
                BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
