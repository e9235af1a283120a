package io.jenkins.plugins.k6cloud.results;

import io.jenkins.plugins.k6cloud.api.Threshold;
import io.jenkins.plugins.k6cloud.results.RunFigures.Figure;
import io.jenkins.plugins.k6cloud.results.RunFigures.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One figure compared with the same figure of an earlier run: k6's baseline run, or an earlier build's.
 *
 * @param name the figure, e.g. {@code p95}, or a threshold as written in the script
 * @param percent the change in percent of {@code before}; infinite when {@code before} is 0 and
 *     {@code after} is not
 */
public record Change(String name, Unit unit, double before, double after, double percent, Verdict verdict) {

    /** Which way a change went, by the figure's direction. */
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

    /** The change in percent, signed, one decimal: {@code +28.5 %}; {@code +inf %} from 0. */
    public String percentText() {
        if (Double.isInfinite(percent)) {
            return (percent > 0 ? "+" : "-") + "inf %";
        }
        return String.format(Locale.ROOT, "%+.1f %%", percent);
    }

    /**
     * Every {@link Figure} and every threshold that both runs report, in {@link Figure} order and then
     * in the order of {@code now}'s thresholds; a threshold without {@code <} or {@code >} is left out.
     */
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

    /** {@code p95 312 ms -> 401 ms (+28.5 %)}. */
    @Override
    public String toString() {
        return line("");
    }

    /** {@code p95 312 ms -> 401 ms (+28.5 %<note>)}. */
    String line(String note) {
        return name + " " + unit.format(before) + " -> " + unit.format(after) + " (" + percentText() + note + ")";
    }
}
