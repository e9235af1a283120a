package io.jenkins.plugins.k6cloud.results;

import io.jenkins.plugins.k6cloud.api.Threshold;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One figure of a run compared with the same figure of an earlier run (k6's baseline run, or the
 * previous build's run of the same load test).
 *
 * @param name the figure, e.g. {@code p95} or a threshold as written in the script
 * @param unit how its values are written
 * @param before the earlier value
 * @param after this run's value
 * @param percent the change in percent of {@code before} ({@code +28.5}); infinite when {@code before}
 *     is 0 and {@code after} is not
 * @param verdict whether the change is for the better, by the figure's direction
 */
public record Change(String name, Figure.Unit unit, double before, double after, double percent, Verdict verdict)
        implements Serializable {

    /** Which way a change went, by the figure's direction. */
    public enum Verdict {
        BETTER,
        WORSE,
        SAME
    }

    /**
     * Every figure and every threshold that both runs report, in {@link Figure} order and then the
     * thresholds of {@code now} in their order; a threshold whose direction its expression does not say
     * ({@link #direction(Threshold)}) is left out.
     */
    public static List<Change> compare(RunFigures now, RunFigures earlier) {
        List<Change> out = new ArrayList<>();
        if (now == null || earlier == null) {
            return out;
        }
        for (Figure f : Figure.values()) {
            Change c = of(f.label(), f.unit(), f.direction(), f.of(earlier), f.of(now));
            if (c != null) {
                out.add(c);
            }
        }
        for (Threshold t : now.thresholds()) {
            Threshold old = earlier.thresholds().stream()
                    .filter(e -> e.name().equals(t.name()))
                    .findFirst()
                    .orElse(null);
            Figure.Direction direction = direction(t);
            Change c = old == null || direction == null
                    ? null
                    : of(t.name(), Figure.Unit.PLAIN, direction, old.value(), t.value());
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** The change from {@code before} to {@code after}; {@code null} when either is absent. */
    static Change of(String name, Figure.Unit unit, Figure.Direction direction, Double before, Double after) {
        if (before == null || after == null || before.isNaN() || after.isNaN()) {
            return null;
        }
        double diff = after - before;
        double percent = diff == 0
                ? 0
                : before == 0 ? Math.copySign(Double.POSITIVE_INFINITY, diff) : diff / Math.abs(before) * 100;
        boolean lowerWins = direction == Figure.Direction.LOWER_IS_BETTER;
        Verdict verdict = diff == 0 ? Verdict.SAME : (diff < 0) == lowerWins ? Verdict.BETTER : Verdict.WORSE;
        return new Change(name, unit, before, after, percent, verdict);
    }

    /**
     * Which way is better for a threshold, from the operator of its expression: {@code p(95)<500}
     * (lower), {@code rate>0.95} (higher); {@code null} when it has neither.
     */
    public static Figure.Direction direction(Threshold t) {
        String expression = t.name().substring(t.name().lastIndexOf(':') + 1);
        int lt = expression.indexOf('<');
        int gt = expression.indexOf('>');
        if (lt < 0 && gt < 0) {
            return null;
        }
        return gt < 0 || (lt >= 0 && lt < gt) ? Figure.Direction.LOWER_IS_BETTER : Figure.Direction.HIGHER_IS_BETTER;
    }

    /** The change in percent, signed, one decimal: {@code +28.5 %}; {@code +inf %} from 0. */
    public String percentText() {
        if (Double.isInfinite(percent)) {
            return (percent > 0 ? "+" : "-") + "inf %";
        }
        return String.format(Locale.ROOT, "%+.1f %%", percent);
    }

    /** {@code p95 312 ms -> 401 ms (+28.5 %)}. */
    @Override
    public String toString() {
        return name + " " + Figure.format(before, unit) + " -> " + Figure.format(after, unit) + " (" + percentText()
                + ")";
    }
}
