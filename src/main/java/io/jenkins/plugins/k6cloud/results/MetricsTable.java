package io.jenkins.plugins.k6cloud.results;

import io.jenkins.plugins.k6cloud.api.RunMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's metrics as rows of a compact table (the build page, the console, the command-line
 * runner): requests, failure rate, requests per second, response times, checks and thresholds, what
 * WebSocket, gRPC and browser tests report, each figure that an earlier run also has with its change.
 *
 * @param rows the rows, in reading order; a figure k6 Cloud did not report has no row
 * @param comparedWith what the changes are against, e.g. {@code k6 baseline run 2000001} or
 *     {@code build #12}; {@code null} when nothing was compared
 * @param checksUnavailable why the top-level checks could not be read, or {@code null}
 */
public record MetricsTable(List<Row> rows, String comparedWith, String checksUnavailable) {

    /**
     * Figures of an earlier run to compare with, and how the table names them.
     *
     * @param figures the earlier run's figures
     * @param name e.g. {@code k6 baseline run 2000001} or {@code build #12}
     */
    public record Earlier(RunFigures figures, String name) {

        /**
         * k6's baseline run when {@code metrics} report one other than run {@code runId} itself, else
         * {@code fallback} (may be {@code null}).
         */
        public static Earlier of(RunMetrics metrics, long runId, Earlier fallback) {
            RunMetrics.Baseline b = metrics.baseline();
            if (b != null && b.runId() != runId) {
                return new Earlier(RunFigures.of(b.summary(), null), "k6 baseline run " + b.runId());
            }
            return fallback;
        }
    }

    /**
     * One row.
     *
     * @param label e.g. {@code response time p95}
     * @param value e.g. {@code 312 ms}
     * @param change the change against {@link #comparedWith()}, or {@code null}
     */
    public record Row(String label, String value, Change change) {
        /** {@code response time p95: 312 ms (+7.2 %, worse)}. */
        public String line() {
            return label + ": " + value
                    + (change == null
                            ? ""
                            : " (" + change.percentText() + ", "
                                    + change.verdict().name().toLowerCase(Locale.ROOT) + ")");
        }
    }

    public MetricsTable {
        rows = List.copyOf(rows);
    }

    /**
     * The table of {@code metrics}, compared with {@code earlier}.
     *
     * @param earlier the figures to compare with (k6's baseline run, or the previous build's run of the
     *     same load test) and their name, or {@code null}
     */
    public static MetricsTable of(RunMetrics metrics, Earlier earlier) {
        return of(metrics, earlier == null ? null : earlier.figures(), earlier == null ? null : earlier.name());
    }

    /** The table of {@code metrics}, compared with {@code earlier} (see {@link #of(RunMetrics, Earlier)}). */
    public static MetricsTable of(RunMetrics metrics, RunFigures earlier, String earlierName) {
        RunMetrics.Summary s = metrics.summary();
        RunFigures now = RunFigures.of(s, null);
        List<Row> rows = new ArrayList<>();
        RunMetrics.Http http = s == null ? null : s.http();
        if (http != null) {
            add(rows, "requests", http.requests() == null ? null : Long.toString(http.requests()), null);
        }
        figure(rows, "failure rate", Figure.FAILURE_RATE, now, earlier);
        figure(rows, "requests/s (mean)", Figure.REQUESTS_PER_SECOND, now, earlier);
        add(rows, "requests/s (max)", format(now.rpsMax(), Figure.Unit.PER_SECOND), null);
        figure(rows, "response time median", Figure.MEDIAN, now, earlier);
        figure(rows, "response time p95", Figure.P95, now, earlier);
        figure(rows, "response time p99", Figure.P99, now, earlier);
        figure(rows, "response time max", Figure.MAX, now, earlier);
        figure(rows, "checks passed", Figure.CHECKS_PASSED, now, earlier);
        RunMetrics.Thresholds t = s == null ? null : s.thresholds();
        if (t != null && t.total() != null && t.successes() != null) {
            add(rows, "thresholds met", t.successes() + " of " + t.total(), null);
        }
        for (RunMetrics.Check c : metrics.checks() == null ? List.<RunMetrics.Check>of() : metrics.checks()) {
            add(rows, "check \"" + c.name() + "\"", checkText(c), null);
        }
        RunMetrics.Ws ws = s == null ? null : s.ws();
        if (ws != null) {
            add(rows, "WebSocket sessions", count(ws.sessions()), null);
            add(rows, "WebSocket messages sent", count(ws.messagesSent()), null);
            add(rows, "WebSocket messages received", count(ws.messagesReceived()), null);
            add(rows, "WebSocket connecting p95", p95(ws.connecting()), null);
        }
        RunMetrics.Grpc grpc = s == null ? null : s.grpc();
        if (grpc != null) {
            add(rows, "gRPC requests", count(grpc.requests()), null);
            add(rows, "gRPC requests/s (mean)", format(grpc.rpsMean(), Figure.Unit.PER_SECOND), null);
            add(rows, "gRPC response time p95", p95(grpc.duration()), null);
        }
        RunMetrics.Browser b = s == null ? null : s.browser();
        if (b != null) {
            add(rows, "browser LCP p75", format(b.lcpP75(), Figure.Unit.MS), null);
            add(rows, "browser FCP p75", format(b.fcpP75(), Figure.Unit.MS), null);
            add(rows, "browser INP p75", format(b.inpP75(), Figure.Unit.MS), null);
            add(rows, "browser TTFB p75", format(b.ttfbP75(), Figure.Unit.MS), null);
            add(rows, "browser CLS p75", format(b.clsP75(), Figure.Unit.PLAIN), null);
            add(rows, "browser HTTP requests", count(b.httpRequests()), null);
        }
        return new MetricsTable(rows, earlier == null ? null : earlierName, metrics.checksUnavailable());
    }

    /**
     * The one line of a read that failed, in the Jenkins console and the command-line runner alike.
     *
     * @param why the failure, e.g. {@code HTTP 404 ...}; blank or {@code null}: {@code no answer}
     */
    public static String unavailableLine(String why) {
        return "metrics not available: " + unavailableReason(why);
    }

    /** {@code why}, or {@code no answer} when it says nothing. */
    public static String unavailableReason(String why) {
        return why == null || why.isBlank() ? "no answer" : why;
    }

    /**
     * The console's lines (Jenkins and the command-line runner): a heading, one indented line per row,
     * and a line when the checks could not be read.
     */
    public List<String> consoleLines() {
        List<String> out = new ArrayList<>();
        out.add("k6 Cloud metrics" + (comparedWith == null ? ":" : " (changes against " + comparedWith + "):"));
        if (rows.isEmpty()) {
            out.add("  (k6 Cloud reported none)");
        }
        for (Row r : rows) {
            out.add("  " + r.line());
        }
        if (checksUnavailable != null) {
            out.add("  checks not available: " + checksUnavailable);
        }
        return out;
    }

    private static void figure(List<Row> rows, String label, Figure f, RunFigures now, RunFigures earlier) {
        Double v = f.of(now);
        Double before = f.of(earlier);
        add(rows, label, format(v, f.unit()), Change.of(f.label(), f.unit(), f.direction(), before, v));
    }

    private static void add(List<Row> rows, String label, String value, Change change) {
        if (value != null) {
            rows.add(new Row(label, value, change));
        }
    }

    private static String format(Double v, Figure.Unit unit) {
        return v == null || v.isNaN() ? null : Figure.format(v, unit);
    }

    private static String count(Long n) {
        return n == null ? null : Long.toString(n);
    }

    private static String p95(RunMetrics.Trend t) {
        return t == null ? null : format(t.p95(), Figure.Unit.MS);
    }

    /** {@code 99.8 % passed (12 failed)}, {@code passed}. */
    private static String checkText(RunMetrics.Check c) {
        if (c.failures() == null || c.successes() == null) {
            return "no counts";
        }
        String rate = c.successRate() == null ? "" : Figure.format(c.successRate(), Figure.Unit.RATE) + " passed";
        return c.failures() == 0 ? "all " + c.successes() + " passed" : rate + " (" + c.failures() + " failed)";
    }
}
