package io.jenkins.plugins.k6cloud.results;

import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** A run's figures; {@code null}: k6 Cloud did not report it. Times in ms, rates 0..1. */
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

    public enum Unit {
        MS,
        RATE,
        PER_SECOND,
        PLAIN;

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

        public Double of(RunFigures run) {
            return run == null ? null : value.apply(run);
        }

        Change change(RunFigures now, RunFigures earlier) {
            return Change.of(label, unit, lowerIsBetter, of(earlier), of(now));
        }
    }

    /**
     * A figure (or a threshold, by its name in the script) against an earlier run's; {@code percent} is
     * infinite from 0.
     */
    public record Change(String name, Unit unit, double before, double after, double percent, Verdict verdict) {

        public enum Verdict {
            BETTER,
            WORSE,
            SAME
        }

        static Change of(String name, Unit unit, boolean lowerIsBetter, Double before, Double after) {
            if (before == null || after == null || before.isNaN() || after.isNaN()) {
                return null;
            }
            double diff = after - before;
            double percent = diff == 0
                    ? 0
                    : before == 0 ? Math.copySign(Double.POSITIVE_INFINITY, diff) : diff / Math.abs(before) * 100;
            Verdict verdict = diff == 0 ? Verdict.SAME : (diff < 0) == lowerIsBetter ? Verdict.BETTER : Verdict.WORSE;
            return new Change(name, unit, before, after, percent, verdict);
        }

        public String percentText() {
            if (Double.isInfinite(percent)) {
                return (percent > 0 ? "+" : "-") + "inf %";
            }
            return String.format(Locale.ROOT, "%+.1f %%", percent);
        }

        /** What both runs report: the figures, then {@code now}'s thresholds that have a {@code <} or {@code >}. */
        public static List<Change> compare(RunFigures now, RunFigures earlier) {
            List<Change> out = new ArrayList<>();
            if (now == null || earlier == null) {
                return out;
            }
            for (Figure f : Figure.values()) {
                out.add(f.change(now, earlier));
            }
            for (Threshold t : now.thresholds()) {
                earlier.thresholds().stream()
                        .filter(e -> e.name().equals(t.name()))
                        .findFirst()
                        .ifPresent(e -> out.add(ofThreshold(t, e.value())));
            }
            out.removeIf(Objects::isNull);
            return out;
        }

        /** Lower is better for {@code p(95)<500}, higher for {@code rate>0.95}; {@code null} without either. */
        static Change ofThreshold(Threshold now, Double before) {
            String expression = now.name().substring(now.name().lastIndexOf(':') + 1);
            int lt = expression.indexOf('<');
            int gt = expression.indexOf('>');
            boolean lower = gt < 0 || (lt >= 0 && lt < gt);
            return lt < 0 && gt < 0 ? null : of(now.name(), Unit.PLAIN, lower, before, now.value());
        }

        @Override
        public String toString() {
            return line("");
        }

        String line(String note) {
            return name + " " + unit.format(before) + " -> " + unit.format(after) + " (" + percentText() + note + ")";
        }
    }

    /** At most {@code decimals} decimals, trailing zeros dropped. */
    public static String number(double v, int decimals) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        BigDecimal d =
                BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
