package io.jenkins.plugins.k6cloud.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The trend of a job's k6 Cloud runs across its last builds, drawn on the server as SVG: one chart per
 * load test, with the p95 response time, the failure rate and the requests per second of each build,
 * and a strip of the builds' verdicts; every point and verdict links to its build. No JavaScript (Jenkins'
 * content security policy); colours come from Jenkins' theme variables through the classes of
 * {@code trend.css}, embedded as a {@code <style>} and also given as presentation attributes, so that
 * the chart has its colours where inline styles are refused, and the theme's where they are not (the
 * page may also load {@code trend.css} as an adjunct). Readable without hover: axis labels, build
 * numbers, a legend; accessible: {@code role="img"}, {@code <title>} and {@code <desc>}.
 *
 * <p>A build without a run of the chart's load test, or whose metrics could not be read, is a gap:
 * no point there, and the lines break.
 */
public final class TrendChart {
    /** How many builds a trend shows unless told otherwise. */
    public static final int DEFAULT_BUILDS = 20;

    static final String CSS = readCss();

    static final int WIDTH = 720;
    static final int LEFT = 72;
    static final int RIGHT = 24;
    static final int PANEL_HEIGHT = 80;
    static final int PANEL_GAP = 34;
    static final int TOP = 80;

    /**
     * One k6 Cloud run of a build.
     *
     * @param loadTest the load test's name (or id), which groups runs into charts
     * @param verdict the verdict's name ({@code PASSED}, {@code THRESHOLDS_FAILED}, ...), or {@code null}
     * @param figures its figures, or {@code null} when its metrics could not be read
     */
    public record Run(String loadTest, String verdict, RunFigures figures) {
        public Run {
            Objects.requireNonNull(loadTest, "loadTest");
        }
    }

    /**
     * One build of the job.
     *
     * @param number its number
     * @param url where its page is (relative to the page showing the chart, or absolute http(s))
     * @param runs its k6 Cloud runs, empty when it ran none
     */
    public record Build(int number, String url, List<Run> runs) {
        public Build {
            runs = runs == null ? List.of() : List.copyOf(runs);
        }
    }

    /** One chart: the load test it is about and its SVG. */
    public record Chart(String loadTest, String svg) {}

    /** A plotted series. */
    private enum Series {
        P95("Response time p95", "ms", "k6-trend-p95", "#2563eb", Figure.P95),
        FAILURES("Failure rate", "%", "k6-trend-failures", "#ea580c", Figure.FAILURE_RATE),
        RPS("Requests per second", "/s", "k6-trend-rps", "#9333ea", Figure.REQUESTS_PER_SECOND);

        final String title;
        final String label;
        final String css;
        final String colour;
        final Figure figure;

        Series(String label, String unit, String css, String colour, Figure figure) {
            this.title = label;
            this.label = label + " (" + unit + ")";
            this.css = css;
            this.colour = colour;
            this.figure = figure;
        }

        /** The value as plotted (rates in percent), or {@code null} for a gap. */
        Double plotted(Run r) {
            Double v = r == null ? null : figure.of(r.figures());
            if (v == null || v.isNaN() || v.isInfinite()) {
                return null;
            }
            return this == FAILURES ? Double.valueOf(v * 100) : v;
        }

        /** The value as written, e.g. {@code 312 ms}. */
        String format(Double v) {
            return Figure.format(v, figure.unit());
        }
    }

    /** The verdict kinds ({@link #kind}) in the legend's order, and their colours. */
    private static final List<String> KINDS = List.of("passed", "failed", "other");

    private static final List<String> KIND_FILLS = List.of("#16a34a", "#dc2626", "#6b7280");

    private TrendChart() {}

    /**
     * One chart per load test that at least one of the last {@code maxBuilds} builds ran, in the order
     * the load tests first appear among those builds (newest build first).
     *
     * @param builds the job's builds, in any order
     */
    public static List<Chart> render(List<Build> builds, int maxBuilds) {
        if (maxBuilds < 1) {
            throw new IllegalArgumentException("A trend shows at least 1 build, not " + maxBuilds);
        }
        List<Build> last = builds.stream()
                .sorted(Comparator.comparingInt(Build::number).reversed())
                .limit(maxBuilds)
                .sorted(Comparator.comparingInt(Build::number))
                .toList();
        Map<String, List<Run>> byTest = new LinkedHashMap<>();
        for (int i = last.size() - 1; i >= 0; i--) {
            for (Run r : last.get(i).runs()) {
                byTest.computeIfAbsent(r.loadTest(), k -> new ArrayList<>());
            }
        }
        List<Chart> charts = new ArrayList<>();
        for (Map.Entry<String, List<Run>> e : byTest.entrySet()) {
            for (Build b : last) {
                Run run = null;
                for (Run r : b.runs()) {
                    if (r.loadTest().equals(e.getKey())) {
                        run = r; // the last run of the load test in the build
                    }
                }
                e.getValue().add(run);
            }
            charts.add(new Chart(e.getKey(), svg(e.getKey(), last, e.getValue(), charts.size() + 1)));
        }
        return charts;
    }

    private static String svg(String test, List<Build> builds, List<Run> runs, int index) {
        Series[] series = Series.values();
        int stripTop = TOP + series.length * (PANEL_HEIGHT + PANEL_GAP);
        int height = stripTop + 18 + 28;
        String id = "k6-trend-" + index;
        StringBuilder s = new StringBuilder();
        s.append(tag(
                "<svg xmlns='http://www.w3.org/2000/svg' class='k6-trend' role='img' width='%s' height='%s'"
                        + " viewBox='0 0 %s %s' aria-labelledby='%s-title %s-desc'>\n",
                WIDTH, height, WIDTH, height, id, id));
        s.append(tag("<title id='%s-title'>%s</title>\n", id, esc("k6 Cloud trend of " + test)));
        s.append(tag("<desc id='%s-desc'>%s</desc>\n", id, esc(description(test, builds, runs))));
        s.append("<style>").append(CSS).append("</style>\n");
        text(s, LEFT, 18, "k6-trend-title", "start", "k6 Cloud: " + test);
        int x = LEFT; // the legend: the series on one row, the verdict colours on the next
        for (Series l : series) {
            s.append(tag(
                    "<line class='k6-trend-line %s' stroke='%s' stroke-width='2' x1='%s' y1='34' x2='%s'"
                            + " y2='34'/>\n",
                    l.css, l.colour, x, x + 16));
            text(s, x + 20, 38, "k6-trend-text", "start", l.label);
            x += 36 + l.label.length() * 6;
        }
        x = LEFT;
        for (String kind : KINDS) {
            s.append(tag(
                    "<rect class='k6-trend-%s' fill='%s' x='%s' y='47' width='10' height='10'/>\n",
                    kind, fill(kind), x + 3));
            text(s, x + 20, 56, "k6-trend-text", "start", kind + " build");
            x += 36 + (kind.length() + 6) * 6;
        }
        for (int p = 0; p < series.length; p++) {
            panel(s, series[p], TOP + p * (PANEL_HEIGHT + PANEL_GAP), builds, runs);
        }
        verdicts(s, stripTop, builds, runs);
        return s.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder s, Series series, int top, List<Build> builds, List<Run> runs) {
        int bottom = top + PANEL_HEIGHT;
        double max = niceCeiling(runs.stream()
                .map(series::plotted)
                .filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0));
        text(s, LEFT, top - 8, "k6-trend-text", "start", series.label);
        String line = "<line class='%s' stroke='%s' x1='%s' y1='%s' x2='%s' y2='%s'/>\n";
        for (int g = 0; g <= 2; g++) {
            double v = max * g / 2;
            int y = (int) Math.round(bottom - (double) PANEL_HEIGHT * g / 2);
            String[] look =
                    g == 0 ? new String[] {"k6-trend-axis", "#6b7280"} : new String[] {"k6-trend-grid", "#d0d7de"};
            s.append(tag(line, look[0], look[1], LEFT, y, WIDTH - RIGHT, y));
            text(s, LEFT - 6, y + 4, "k6-trend-text", "end", Figure.number(v, v < 10 ? 2 : 0));
        }
        s.append(tag(line, "k6-trend-axis", "#6b7280", LEFT, top, LEFT, bottom));
        List<String> segment = new ArrayList<>();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i <= builds.size(); i++) {
            Run r = i < builds.size() ? runs.get(i) : null;
            Double v = series.plotted(r);
            if (v == null) {
                if (segment.size() > 1) {
                    s.append(tag(
                            "<polyline class='k6-trend-line %s' fill='none' stroke='%s' stroke-width='2'"
                                    + " points='%s'/>\n",
                            series.css, series.colour, String.join(" ", segment)));
                }
                segment.clear();
                continue;
            }
            String x = coordinate(x(i, builds.size()));
            String y = coordinate(bottom - (max == 0 ? 0 : v / max * PANEL_HEIGHT));
            segment.add(x + "," + y);
            Build b = builds.get(i);
            String title = "#" + b.number() + ": " + series.title + " " + series.format(series.figure.of(r.figures()));
            points.append(link(
                    b,
                    tag(
                            "<circle class='%s' fill='%s' cx='%s' cy='%s' r='3.5'><title>%s</title></circle>",
                            series.css, series.colour, x, y, esc(title))));
        }
        s.append(points);
    }

    private static void verdicts(StringBuilder s, int top, List<Build> builds, List<Run> runs) {
        text(s, LEFT - 6, top + 13, "k6-trend-text", "end", "verdict");
        int step = Math.max(1, (int) Math.ceil(builds.size() / 12.0));
        for (int i = 0; i < builds.size(); i++) {
            Build b = builds.get(i);
            double x = x(i, builds.size());
            Run r = runs.get(i);
            if (r != null) {
                String kind = kind(r.verdict());
                String title = "#" + b.number() + ": " + (r.verdict() == null ? "no verdict" : r.verdict());
                s.append(link(
                        b,
                        tag(
                                "<rect class='k6-trend-%s' fill='%s' x='%s' y='%s' width='12' height='16'>"
                                        + "<title>%s</title></rect>",
                                kind, fill(kind), coordinate(x - 6), top, esc(title))));
            }
            if (i % step == 0 || i == builds.size() - 1) {
                text(s, (int) Math.round(x), top + 34, "k6-trend-text", "middle", "#" + b.number());
            }
        }
    }

    /** {@code passed}, {@code failed} or {@code other} (aborted, cancelled, untrusted, unknown). */
    static String kind(String verdict) {
        if ("PASSED".equals(verdict)) {
            return "passed";
        }
        if (verdict == null
                || verdict.equals("CANCELLED")
                || verdict.equals("ABORTED_IN_K6")
                || verdict.equals("UNTRUSTED")) {
            return "other";
        }
        return "failed";
    }

    private static String fill(String kind) {
        return KIND_FILLS.get(KINDS.indexOf(kind));
    }

    private static String description(String test, List<Build> builds, List<Run> runs) {
        StringBuilder d = new StringBuilder("Builds #" + builds.get(0).number() + " to #"
                + builds.get(builds.size() - 1).number() + " of load test " + test + ".");
        for (Series series : Series.values()) {
            List<Double> values = runs.stream()
                    .map(r -> r == null ? null : series.figure.of(r.figures()))
                    .filter(v -> v != null && !v.isNaN())
                    .toList();
            d.append(' ').append(series.title);
            d.append(
                    values.isEmpty()
                            ? ": no values."
                            : " from " + series.format(Collections.min(values)) + " to "
                                    + series.format(Collections.max(values)) + ", latest "
                                    + series.format(values.get(values.size() - 1)) + ".");
        }
        Map<String, Integer> kinds = new HashMap<>();
        List<String> gaps = new ArrayList<>();
        for (int i = 0; i < builds.size(); i++) {
            Run r = runs.get(i);
            if (r != null) {
                kinds.merge(kind(r.verdict()), 1, Integer::sum);
            }
            if (r == null || r.figures() == null) {
                gaps.add("#" + builds.get(i).number());
            }
        }
        d.append(" Verdicts: ");
        for (String kind : KINDS) {
            d.append(kinds.getOrDefault(kind, 0)).append(' ').append(kind).append(kind.equals("other") ? "." : ", ");
        }
        if (!gaps.isEmpty()) {
            d.append(" No run or no metrics: ").append(String.join(", ", gaps)).append('.');
        }
        return d.toString();
    }

    private static double x(int i, int count) {
        double width = WIDTH - LEFT - RIGHT - 24;
        return LEFT + 12 + (count == 1 ? width / 2 : width * i / (count - 1));
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten at or above {@code v}; 1 for nothing. */
    static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= v) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** {@code content} linked to the build's page, when the build has a URL that cannot run script; a line. */
    private static String link(Build b, String content) {
        String url = b.url();
        return (url == null || !safeUrl(url) ? content : "<a href=\"" + esc(url) + "\">" + content + "</a>") + "\n";
    }

    /** A relative URL, or an absolute http(s) one: nothing that could run script. */
    static boolean safeUrl(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        int colon = u.indexOf(':');
        int slash = u.indexOf('/');
        return colon < 0 || (slash >= 0 && slash < colon) || u.startsWith("http://") || u.startsWith("https://");
    }

    private static void text(StringBuilder s, int x, int y, String css, String anchor, String text) {
        s.append(tag(
                "<text class='%s' fill='#1f2328' font-family='sans-serif' font-size='11' x='%s' y='%s'"
                        + " text-anchor='%s'>%s</text>\n",
                css, x, y, anchor, esc(text)));
    }

    /**
     * {@code template} with {@code '} written as {@code "}, its {@code %s} filled in with {@code values}
     * as they are (text must come escaped, see {@link #esc}).
     */
    private static String tag(String template, Object... values) {
        return String.format(Locale.ROOT, template.replace('\'', '"'), values);
    }

    private static String coordinate(double v) {
        return Figure.number(v, 1);
    }

    /** Text and attribute values, escaped for XML; characters XML cannot hold are dropped. */
    static String esc(String text) {
        return JUnitReport.clean(text)
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String readCss() {
        try (InputStream in = TrendChart.class.getResourceAsStream("trend.css")) {
            if (in == null) {
                throw new IllegalStateException("trend.css is missing from the plugin");
            }
            // the comment goes: the chart carries the rules only
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("(?s)/\\*.*?\\*/", "")
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
