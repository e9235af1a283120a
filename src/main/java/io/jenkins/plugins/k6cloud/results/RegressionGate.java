package io.jenkins.plugins.k6cloud.results;

import io.jenkins.plugins.k6cloud.results.RunFigures.Change;
import io.jenkins.plugins.k6cloud.results.RunFigures.Figure;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code maxRegression}: fails when the p95, the failure rate or a threshold's value got worse by more than
 * {@code limitPercent} against the last passed build of the same load test.
 */
public record RegressionGate(double limitPercent) {
    private static final Pattern PERCENT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*%\\s*");

    public record Result(boolean passed, List<String> lines) {}

    public static RegressionGate parse(String maxRegression) {
        Matcher m = maxRegression == null ? null : PERCENT.matcher(maxRegression);
        if (m == null || !m.matches() || Double.isInfinite(Double.parseDouble(m.group(1)))) {
            throw new IllegalArgumentException("maxRegression must be a percentage such as '10%': the largest change"
                    + " for the worse of the p95 response time, the failure rate or a threshold's value against the"
                    + " last passed build; got "
                    + (maxRegression == null ? "nothing" : "'" + maxRegression.strip() + "'")
                    + ".");
        }
        return new RegressionGate(Double.parseDouble(m.group(1)));
    }

    public Result check(RunFigures now, RunFigures lastPassed, String lastPassedName) {
        if (lastPassed == null) {
            return new Result(
                    true,
                    List.of("Regression gate: no earlier passed build of this load test to compare with; it passes."));
        }
        List<Change> compared = Change.compare(now, lastPassed);
        compared.removeIf(c -> !c.name().equals(Figure.P95.label)
                && !c.name().equals(Figure.FAILURE_RATE.label)
                && now.thresholds().stream().noneMatch(t -> t.name().equals(c.name())));
        List<String> lines = new ArrayList<>();
        for (Change c : compared) {
            if (c.verdict() == Change.Verdict.WORSE && Math.abs(c.percent()) > limitPercent) {
                lines.add(c.line(", limit " + limitText()));
            }
        }
        boolean passed = lines.isEmpty();
        if (passed) {
            lines.add("Regression gate: no change for the worse beyond " + limitText() + " against " + lastPassedName
                    + " (" + compared.size() + " figures compared).");
        }
        return new Result(passed, List.copyOf(lines));
    }

    public static String unreadable() {
        return "Regression gate: could not compare, the metrics are not available; it passes.";
    }

    public String limitText() {
        return BigDecimal.valueOf(limitPercent).stripTrailingZeros().toPlainString() + " %";
    }
}
