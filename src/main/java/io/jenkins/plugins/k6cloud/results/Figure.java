package io.jenkins.plugins.k6cloud.results;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.Function;

/** A figure of a run that can be compared across runs, with its unit and which way is better. */
public enum Figure {
    P95("p95", Unit.MS, Direction.LOWER_IS_BETTER, RunFigures::p95Ms),
    MEDIAN("median", Unit.MS, Direction.LOWER_IS_BETTER, RunFigures::medianMs),
    P99("p99", Unit.MS, Direction.LOWER_IS_BETTER, RunFigures::p99Ms),
    MAX("max", Unit.MS, Direction.LOWER_IS_BETTER, RunFigures::maxMs),
    FAILURE_RATE("failure rate", Unit.RATE, Direction.LOWER_IS_BETTER, RunFigures::failureRate),
    REQUESTS_PER_SECOND("requests/s", Unit.PER_SECOND, Direction.HIGHER_IS_BETTER, RunFigures::rpsMean),
    CHECKS_PASSED("checks passed", Unit.RATE, Direction.HIGHER_IS_BETTER, RunFigures::checksPassed);

    /** Which change of a figure is an improvement. */
    public enum Direction {
        LOWER_IS_BETTER,
        HIGHER_IS_BETTER
    }

    /** How a figure's values are written. */
    public enum Unit {
        /** milliseconds: {@code 312 ms}, {@code 28.6 ms} */
        MS,
        /** a rate 0..1 written in percent: {@code 1.25 %} */
        RATE,
        /** {@code 45.3/s} */
        PER_SECOND,
        /** as it is: {@code 0.015}, {@code 312} */
        PLAIN
    }

    private final String label;
    private final Unit unit;
    private final Direction direction;
    private final Function<RunFigures, Double> value;

    Figure(String label, Unit unit, Direction direction, Function<RunFigures, Double> value) {
        this.label = label;
        this.unit = unit;
        this.direction = direction;
        this.value = value;
    }

    public String label() {
        return label;
    }

    public Unit unit() {
        return unit;
    }

    public Direction direction() {
        return direction;
    }

    /** This figure of {@code run}, or {@code null}. */
    public Double of(RunFigures run) {
        return run == null ? null : value.apply(run);
    }

    /** {@code v} in {@code unit}, e.g. {@code 312 ms}; {@code "-"} for {@code null}. */
    public static String format(Double v, Unit unit) {
        if (v == null || v.isNaN()) {
            return "-";
        }
        return switch (unit) {
            case MS -> number(v, v >= 100 ? 0 : 1) + " ms";
            case RATE -> number(v * 100, 2) + " %";
            case PER_SECOND -> number(v, 1) + "/s";
            case PLAIN -> number(v, 3);
        };
    }

    /** {@code v} with at most {@code decimals} decimals, trailing zeros dropped: {@code 312}, {@code 28.6}. */
    static String number(double v, int decimals) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        BigDecimal d =
                BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
