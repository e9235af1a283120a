package io.jenkins.plugins.k6cloud.results;

import io.jenkins.plugins.k6cloud.api.Threshold;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regression gate: compares the p95 response time, the failure rate and the value of each
 * threshold of a run with those of the last earlier build whose run of the same load test passed,
 * and fails when one of them changed for the worse by more than the limit.
 *
 * @param limitPercent the largest change for the worse that passes, in percent of the earlier value
 */
public record RegressionGate(double limitPercent) {
    /** The figures the gate compares besides the thresholds. */
    private static final Set<String> GATED = Set.of(Figure.P95.label(), Figure.FAILURE_RATE.label());

    private static final Pattern PERCENT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*%\\s*");

    /**
     * The outcome of the gate.
     *
     * @param passed whether no figure got worse beyond the limit (also when there was nothing to compare with)
     * @param lines what the console shows: one line per figure beyond the limit, else one line saying
     *     why the gate passed
     * @param regressions the changes beyond the limit
     */
    public record Result(boolean passed, List<String> lines, List<Change> regressions) {
        public Result {
            lines = List.copyOf(lines);
            regressions = List.copyOf(regressions);
        }
    }

    public RegressionGate {
        if (!(limitPercent >= 0) || Double.isInfinite(limitPercent)) {
            throw new IllegalArgumentException(
                    "The regression limit must be a percentage of 0 or more, got " + limitPercent);
        }
    }

    /**
     * Reads {@code maxRegression}: a percentage such as {@code 10%} or {@code 7.5 %}.
     *
     * @throws IllegalArgumentException with a message saying what to write, for anything else
     */
    public static RegressionGate parse(String maxRegression) {
        Matcher m = maxRegression == null ? null : PERCENT.matcher(maxRegression);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("maxRegression must be a percentage such as '10%': the largest change"
                    + " for the worse of the p95 response time, the failure rate or a threshold's value against the"
                    + " last passed build; got "
                    + (maxRegression == null ? "nothing" : "'" + maxRegression.strip() + "'")
                    + ".");
        }
        return new RegressionGate(Double.parseDouble(m.group(1)));
    }

    /**
     * Compares {@code now} with {@code lastPassed}.
     *
     * @param lastPassed the figures of the last earlier build whose run of this load test passed, or
     *     {@code null} when there is none (the gate passes and says so)
     * @param lastPassedName that build as the console names it, e.g. {@code build #12}
     */
    public Result check(RunFigures now, RunFigures lastPassed, String lastPassedName) {
        if (lastPassed == null) {
            return new Result(
                    true,
                    List.of("Regression gate: no earlier passed build of this load test to compare with; it passes."),
                    List.of());
        }
        List<Change> compared = new ArrayList<>();
        for (Change c : Change.compare(now, lastPassed)) {
            if (GATED.contains(c.name()) || isThreshold(c, now)) {
                compared.add(c);
            }
        }
        List<Change> beyond = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Change c : compared) {
            if (c.verdict() == Change.Verdict.WORSE && Math.abs(c.percent()) > limitPercent) {
                beyond.add(c);
                lines.add(c.name() + " " + Figure.format(c.before(), c.unit()) + " -> "
                        + Figure.format(c.after(), c.unit()) + " (" + c.percentText() + ", limit " + limitText() + ")");
            }
        }
        if (beyond.isEmpty()) {
            lines.add("Regression gate: no change for the worse beyond " + limitText() + " against " + lastPassedName
                    + " (" + compared.size() + " figures compared).");
        }
        return new Result(beyond.isEmpty(), lines, beyond);
    }

    /** The gate's one line when the run's metrics could not be read: it cannot compare, and passes. */
    public static String unreadable() {
        return "Regression gate: could not compare, the metrics are not available; it passes.";
    }

    /** {@code 10 %}, {@code 7.5 %}. */
    public String limitText() {
        return new BigDecimal(Double.toString(limitPercent))
                        .stripTrailingZeros()
                        .toPlainString() + " %";
    }

    private static boolean isThreshold(Change c, RunFigures now) {
        for (Threshold t : now.thresholds()) {
            if (t.name().equals(c.name())) {
                return true;
            }
        }
        return false;
    }
}
