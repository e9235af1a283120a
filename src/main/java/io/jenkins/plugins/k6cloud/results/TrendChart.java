package io.jenkins.plugins.k6cloud.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

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
        P95("Response time p95", "ms", "k6-trend-p95", "#2563eb", Figure.P95, Figure.Unit.MS),
        FAILURES("Failure rate", "%", "k6-trend-failures", "#ea580c", Figure.FAILURE_RATE, Figure.Unit.RATE),
        RPS("Requests per second", "/s", "k6-trend-rps", "#9333ea", Figure.REQUESTS_PER_SECOND, Figure.Unit.PER_SECOND);

        final String label;
        final String unit;
        final String css;
        final String colour;
        final Function<RunFigures, Double> value;
        final Figure.Unit format;

        Series(String label, String unit, String css, String colour, Figure figure, Figure.Unit format) {
            this.label = label;
            this.unit = unit;
            this.css = css;
            this.colour = colour;
            this.value = figure::of;
            this.format = format;
        }

        /** The value as plotted: rates in percent. */
        Double plotted(RunFigures f) {
            Double v = f == null ? null : value.apply(f);
            if (v == null || v.isNaN() || v.isInfinite()) {
                return null;
            }
            return this == FAILURES ? Double.valueOf(v * 100) : v;
        }
    }

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
        int n = 0;
        for (String test : byTest.keySet()) {
            List<Run> runs = new ArrayList<>();
            for (Build b : last) {
                Run run = null;
                for (Run r : b.runs()) {
                    if (r.loadTest().equals(test)) {
                        run = r; // the last run of the load test in the build
                    }
                }
                runs.add(run);
            }
            charts.add(new Chart(test, svg(test, last, runs, ++n)));
        }
        return charts;
    }

    private static String svg(String test, List<Build> builds, List<Run> runs, int index) {
        int panels = Series.values().length;
        int stripTop = TOP + panels * (PANEL_HEIGHT + PANEL_GAP);
        int height = stripTop + 18 + 28;
        String id = "k6-trend-" + index;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"k6-trend\" role=\"img\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" aria-labelledby=\"")
                .append(id)
                .append("-title ")
                .append(id)
                .append("-desc\">\n");
        s.append("<title id=\"")
                .append(id)
                .append("-title\">")
                .append(esc("k6 Cloud trend of " + test))
                .append("</title>\n");
        s.append("<desc id=\"")
                .append(id)
                .append("-desc\">")
                .append(esc(description(test, builds, runs)))
                .append("</desc>\n");
        s.append("<style>").append(CSS).append("</style>\n");
        text(s, LEFT, 18, "k6-trend-title", "#1f2328", "start", "k6 Cloud: " + test);
        legend(s);
        for (int p = 0; p < panels; p++) {
            panel(s, Series.values()[p], TOP + p * (PANEL_HEIGHT + PANEL_GAP), builds, runs);
        }
        verdicts(s, stripTop, builds, runs);
        s.append("</svg>\n");
        return s.toString();
    }

    /** The series on one row, the verdict colours on the next. */
    private static void legend(StringBuilder s) {
        int x = LEFT;
        for (Series series : Series.values()) {
            s.append("<line class=\"k6-trend-line ")
                    .append(series.css)
                    .append("\" stroke=\"")
                    .append(series.colour)
                    .append("\" stroke-width=\"2\" x1=\"")
                    .append(x)
                    .append("\" y1=\"34\" x2=\"")
                    .append(x + 16)
                    .append("\" y2=\"34\"/>\n");
            String label = series.label + " (" + series.unit + ")";
            text(s, x + 20, 38, "k6-trend-text", "#1f2328", "start", label);
            x += 36 + label.length() * 6;
        }
        x = LEFT;
        for (String[] v : new String[][] {{"passed", "#16a34a"}, {"failed", "#dc2626"}, {"other", "#6b7280"}}) {
            s.append("<rect class=\"k6-trend-")
                    .append(v[0])
                    .append("\" fill=\"")
                    .append(v[1]);
            s.append("\" x=\"").append(x + 3).append("\" y=\"47\" width=\"10\" height=\"10\"/>\n");
            text(s, x + 20, 56, "k6-trend-text", "#1f2328", "start", v[0] + " build");
            x += 36 + (v[0].length() + 6) * 6;
        }
    }

    private static void panel(StringBuilder s, Series series, int top, List<Build> builds, List<Run> runs) {
        int bottom = top + PANEL_HEIGHT;
        double max = 0;
        for (Run r : runs) {
            Double v = r == null ? null : series.plotted(r.figures());
            if (v != null) {
                max = Math.max(max, v);
            }
        }
        max = niceCeiling(max);
        text(s, LEFT, top - 8, "k6-trend-text", "#1f2328", "start", series.label + " (" + series.unit + ")");
        for (int g = 0; g <= 2; g++) {
            double v = max * g / 2;
            int y = (int) Math.round(bottom - (double) PANEL_HEIGHT * g / 2);
            s.append("<line class=\"")
                    .append(g == 0 ? "k6-trend-axis" : "k6-trend-grid")
                    .append("\" stroke=\"")
                    .append(g == 0 ? "#6b7280" : "#d0d7de")
                    .append("\" x1=\"")
                    .append(LEFT)
                    .append("\" y1=\"")
                    .append(y)
                    .append("\" x2=\"")
                    .append(WIDTH - RIGHT)
                    .append("\" y2=\"")
                    .append(y)
                    .append("\"/>\n");
            text(s, LEFT - 6, y + 4, "k6-trend-text", "#1f2328", "end", Figure.number(v, v < 10 ? 2 : 0));
        }
        s.append("<line class=\"k6-trend-axis\" stroke=\"#6b7280\" x1=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(top)
                .append("\" x2=\"")
                .append(LEFT)
                .append("\" y2=\"")
                .append(bottom)
                .append("\"/>\n");
        List<String> segment = new ArrayList<>();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i <= builds.size(); i++) {
            Run r = i < builds.size() ? runs.get(i) : null;
            Double v = r == null ? null : series.plotted(r.figures());
            if (v == null) {
                polyline(s, series, segment);
                segment.clear();
                continue;
            }
            String x = coordinate(x(i, builds.size()));
            String y = coordinate(bottom - (max == 0 ? 0 : v / max * PANEL_HEIGHT));
            segment.add(x + "," + y);
            Build b = builds.get(i);
            String circle = "<circle class=\"" + series.css + "\" fill=\"" + series.colour + "\" cx=\"" + x + "\" cy=\""
                    + y + "\" r=\"3.5\"><title>"
                    + esc("#" + b.number() + ": " + series.label + " "
                            + Figure.format(series.value.apply(r.figures()), series.format))
                    + "</title></circle>";
            points.append(link(b, circle)).append('\n');
        }
        s.append(points);
    }

    private static void polyline(StringBuilder s, Series series, List<String> segment) {
        if (segment.size() > 1) {
            s.append("<polyline class=\"k6-trend-line ")
                    .append(series.css)
                    .append("\" fill=\"none\" stroke=\"")
                    .append(series.colour)
                    .append("\" stroke-width=\"2\" points=\"")
                    .append(String.join(" ", segment))
                    .append("\"/>\n");
        }
    }

    private static void verdicts(StringBuilder s, int top, List<Build> builds, List<Run> runs) {
        text(s, LEFT - 6, top + 13, "k6-trend-text", "#1f2328", "end", "verdict");
        int step = Math.max(1, (int) Math.ceil(builds.size() / 12.0));
        for (int i = 0; i < builds.size(); i++) {
            Build b = builds.get(i);
            double x = x(i, builds.size());
            Run r = runs.get(i);
            if (r != null) {
                String kind = kind(r.verdict());
                String fill = kind.equals("passed") ? "#16a34a" : kind.equals("failed") ? "#dc2626" : "#6b7280";
                String rect = "<rect class=\"k6-trend-" + kind + "\" fill=\"" + fill + "\" x=\"" + coordinate(x - 6)
                        + "\" y=\"" + top + "\" width=\"12\" height=\"16\"><title>"
                        + esc("#" + b.number() + ": " + (r.verdict() == null ? "no verdict" : r.verdict()))
                        + "</title></rect>";
                s.append(link(b, rect)).append('\n');
            }
            if (i % step == 0 || i == builds.size() - 1) {
                text(s, (int) Math.round(x), top + 34, "k6-trend-text", "#1f2328", "middle", "#" + b.number());
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

    private static String description(String test, List<Build> builds, List<Run> runs) {
        StringBuilder d = new StringBuilder();
        d.append("Builds #")
                .append(builds.get(0).number())
                .append(" to #")
                .append(builds.get(builds.size() - 1).number())
                .append(" of load test ")
                .append(test)
                .append(".");
        for (Series series : Series.values()) {
            Double min = null;
            Double max = null;
            Double latest = null;
            for (Run r : runs) {
                Double v = r == null || r.figures() == null ? null : series.value.apply(r.figures());
                if (v != null && !v.isNaN()) {
                    min = min == null ? v : Math.min(min, v);
                    max = max == null ? v : Math.max(max, v);
                    latest = v;
                }
            }
            d.append(' ').append(series.label);
            if (latest == null) {
                d.append(": no values.");
            } else {
                d.append(" from ")
                        .append(Figure.format(min, series.format))
                        .append(" to ")
                        .append(Figure.format(max, series.format))
                        .append(", latest ")
                        .append(Figure.format(latest, series.format))
                        .append('.');
            }
        }
        Map<String, Integer> kinds = new LinkedHashMap<>();
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
        d.append(" Verdicts: ")
                .append(kinds.getOrDefault("passed", 0))
                .append(" passed, ")
                .append(kinds.getOrDefault("failed", 0))
                .append(" failed, ")
                .append(kinds.getOrDefault("other", 0))
                .append(" other.");
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

    private static String link(Build b, String content) {
        String url = b.url();
        if (url == null || !safeUrl(url)) {
            return content;
        }
        return "<a href=\"" + esc(url) + "\">" + content + "</a>";
    }

    /** A relative URL, or an absolute http(s) one: nothing that could run script. */
    static boolean safeUrl(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        int colon = u.indexOf(':');
        int slash = u.indexOf('/');
        return colon < 0 || (slash >= 0 && slash < colon) || u.startsWith("http://") || u.startsWith("https://");
    }

    private static void text(StringBuilder s, int x, int y, String css, String fill, String anchor, String text) {
        s.append("<text class=\"")
                .append(css)
                .append("\" fill=\"")
                .append(fill)
                .append("\" font-family=\"sans-serif\" font-size=\"11\" x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\">")
                .append(esc(text))
                .append("</text>\n");
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
