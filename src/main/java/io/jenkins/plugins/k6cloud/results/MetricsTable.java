package io.jenkins.plugins.k6cloud.results;

import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.results.RunFigures.Change;
import io.jenkins.plugins.k6cloud.results.RunFigures.Figure;
import io.jenkins.plugins.k6cloud.results.RunFigures.Unit;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A run's metrics as rows (build page, console, {@code bin/k6cloud}), with the change against an earlier run
 * ({@code comparedWith}, e.g. {@code build #12}) where both have the figure.
 */
public record MetricsTable(List<Row> rows, String comparedWith, String checksUnavailable) {

    public record Earlier(RunFigures figures, String name) {

        /** k6's baseline run when {@code metrics} name one other than {@code runId}, else {@code fallback}. */
        public static Earlier of(RunMetrics metrics, long runId, Earlier fallback) {
            RunMetrics.Baseline b = metrics.baseline();
            if (b != null && b.runId() != runId) {
                return new Earlier(RunFigures.of(b.summary(), null), "k6 baseline run " + b.runId());
            }
            return fallback;
        }
    }

    /** A plain class: the build's action keeps rows, and XStream cannot read records back from build.xml. */
    public static final class Row implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String label;
        private final String value;
        private final String change;
        private final String direction;

        Row(String label, String value, Change change) {
            this.label = label;
            this.value = value;
            this.change = change == null ? null : change.percentText();
            this.direction = change == null ? null : change.verdict().name().toLowerCase(Locale.ROOT);
        }

        public String getLabel() {
            return label;
        }

        public String getValue() {
            return value;
        }

        public String getChange() {
            return change;
        }

        public String getDirection() {
            return direction;
        }

        public String line() {
            return label + ": " + value + (change == null ? "" : " (" + change + ", " + direction + ")");
        }
    }

    public MetricsTable {
        rows = List.copyOf(rows);
    }

    public static MetricsTable of(RunMetrics metrics, Earlier earlier) {
        RunMetrics.Summary s = Objects.requireNonNullElse(
                metrics.summary(), new RunMetrics.Summary(null, null, null, null, null, null));
        RunFigures now = RunFigures.of(s, null);
        RunFigures before = earlier == null ? null : earlier.figures();
        List<Row> rows = new ArrayList<>();
        add(rows, "requests", s.http() == null ? null : count(s.http().requests()));
        figure(rows, "failure rate", Figure.FAILURE_RATE, now, before);
        figure(rows, "requests/s (mean)", Figure.REQUESTS_PER_SECOND, now, before);
        add(rows, "requests/s (max)", format(now.rpsMax(), Unit.PER_SECOND));
        figure(rows, "response time median", Figure.MEDIAN, now, before);
        figure(rows, "response time p95", Figure.P95, now, before);
        figure(rows, "response time p99", Figure.P99, now, before);
        figure(rows, "response time max", Figure.MAX, now, before);
        figure(rows, "checks passed", Figure.CHECKS_PASSED, now, before);
        RunMetrics.Thresholds t = s.thresholds();
        if (t != null && t.total() != null && t.successes() != null) {
            add(rows, "thresholds met", t.successes() + " of " + t.total());
        }
        for (RunMetrics.Check c : Objects.requireNonNullElse(metrics.checks(), List.<RunMetrics.Check>of())) {
            add(rows, "check \"" + c.name() + "\"", checkText(c));
        }
        if (s.ws() != null) {
            add(rows, "WebSocket sessions", count(s.ws().sessions()));
            add(rows, "WebSocket messages sent", count(s.ws().messagesSent()));
            add(rows, "WebSocket messages received", count(s.ws().messagesReceived()));
            add(rows, "WebSocket connecting p95", p95(s.ws().connecting()));
        }
        if (s.grpc() != null) {
            add(rows, "gRPC requests", count(s.grpc().requests()));
            add(rows, "gRPC requests/s (mean)", format(s.grpc().rpsMean(), Unit.PER_SECOND));
            add(rows, "gRPC response time p95", p95(s.grpc().duration()));
        }
        RunMetrics.Browser b = s.browser();
        if (b != null) {
            add(rows, "browser LCP p75", format(b.lcpP75(), Unit.MS));
            add(rows, "browser FCP p75", format(b.fcpP75(), Unit.MS));
            add(rows, "browser INP p75", format(b.inpP75(), Unit.MS));
            add(rows, "browser TTFB p75", format(b.ttfbP75(), Unit.MS));
            add(rows, "browser CLS p75", format(b.clsP75(), Unit.PLAIN));
            add(rows, "browser HTTP requests", count(b.httpRequests()));
        }
        return new MetricsTable(rows, earlier == null ? null : earlier.name(), metrics.checksUnavailable());
    }

    public static String unavailableLine(String why) {
        return "metrics not available: " + unavailableReason(why);
    }

    public static String unavailableReason(String why) {
        return why == null || why.isBlank() ? "no answer" : why;
    }

    public List<String> consoleLines() {
        List<String> out = new ArrayList<>();
        out.add("k6 Cloud metrics" + (comparedWith == null ? ":" : " (changes against " + comparedWith + "):"));
        if (rows.isEmpty()) {
            out.add("  (k6 Cloud reported none)");
        }
        rows.forEach(r -> out.add("  " + r.line()));
        if (checksUnavailable != null) {
            out.add("  checks not available: " + checksUnavailable);
        }
        return out;
    }

    private static void figure(List<Row> rows, String label, Figure f, RunFigures now, RunFigures before) {
        String value = format(f.of(now), f.unit);
        if (value != null) {
            rows.add(new Row(label, value, f.change(now, before)));
        }
    }

    private static void add(List<Row> rows, String label, String value) {
        if (value != null) {
            rows.add(new Row(label, value, null));
        }
    }

    private static String format(Double v, Unit unit) {
        return v == null || v.isNaN() ? null : unit.format(v);
    }

    private static String count(Long n) {
        return n == null ? null : Long.toString(n);
    }

    private static String p95(RunMetrics.Trend t) {
        return t == null ? null : format(t.p95(), Unit.MS);
    }

    /** {@code 99.8 % passed (12 failed)}, {@code all 6000 passed}. */
    private static String checkText(RunMetrics.Check c) {
        if (c.failures() == null || c.successes() == null) {
            return "no counts";
        }
        String rate = c.successRate() == null ? "" : Unit.RATE.format(c.successRate()) + " passed";
        return c.failures() == 0 ? "all " + c.successes() + " passed" : rate + " (" + c.failures() + " failed)";
    }
}
