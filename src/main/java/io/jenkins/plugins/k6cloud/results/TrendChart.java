package io.jenkins.plugins.k6cloud.results;

import static io.jenkins.plugins.k6cloud.results.JUnitReport.esc;
import static io.jenkins.plugins.k6cloud.results.JUnitReport.tag;

import io.jenkins.plugins.k6cloud.results.RunFigures.Figure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A job's k6 Cloud runs over its last builds as server-side SVG, one chart per load test. No JavaScript
 * (Jenkins' content security policy); colours are Jenkins' theme variables ({@code trend.css}, embedded) with
 * presentation attributes as the fallback where inline styles are refused. A build without a run or metrics
 * is a gap: no point, and the lines break.
 */
public final class TrendChart {
    public static final int DEFAULT_BUILDS = 20;

    private static final String CSS = readCss();

    private static final int WIDTH = 720;
    private static final int LEFT = 72;
    private static final int RIGHT = 24;
    private static final int PANEL_HEIGHT = 80;
    private static final int PANEL_GAP = 34;
    private static final int TOP = 80;
    private static final String TEXT = "<text class='%s' fill='#1f2328' font-family='sans-serif' font-size='11'"
            + " x='%s' y='%s' text-anchor='%s'>%s</text>\n";

    /** {@code figures} is {@code null} when the metrics could not be read. */
    public record Run(String loadTest, String verdict, RunFigures figures) {}

    /** {@code url}: relative to the chart's page, or absolute http(s). */
    public record Build(int number, String url, List<Run> runs) {}

    /** Jelly calls {@code chart.svg()}: JEXL 1.1 sees no record accessor as a property. */
    public record Chart(String loadTest, String svg) {}

    private enum Series {
        P95("Response time p95", "ms", "p95", "#2563eb", Figure.P95),
        FAILURES("Failure rate", "%", "failures", "#ea580c", Figure.FAILURE_RATE),
        RPS("Requests per second", "/s", "rps", "#9333ea", Figure.REQUESTS_PER_SECOND);

        final String title;
        final String label;
        final String css;
        final String colour;
        final Figure figure;

        Series(String title, String unit, String css, String colour, Figure figure) {
            this.title = title;
            this.label = title + " (" + unit + ")";
            this.css = "k6-trend-" + css;
            this.colour = colour;
            this.figure = figure;
        }

        Double value(Run r) {
            Double v = r == null ? null : figure.of(r.figures());
            return v == null || v.isNaN() ? null : v;
        }

        /** The value as plotted (rates in percent), or {@code null} for a gap. */
        Double plotted(Run r) {
            Double v = value(r);
            return v == null || v.isInfinite() ? null : this == FAILURES ? Double.valueOf(v * 100) : v;
        }
    }

    private enum Kind {
        PASSED("#16a34a"),
        FAILED("#dc2626"),
        OTHER("#6b7280");

        final String fill;
        final String name = name().toLowerCase(Locale.ROOT);

        Kind(String fill) {
            this.fill = fill;
        }

        static Kind of(String verdict) {
            return "PASSED".equals(verdict)
                    ? PASSED
                    : verdict == null
                                    || Set.of("CANCELLED", "ABORTED_IN_K6", "UNTRUSTED")
                                            .contains(verdict)
                            ? OTHER
                            : FAILED;
        }

        String rect(String attributes) {
            return tag("<rect class='k6-trend-%s' fill='%s' ", name, fill) + attributes;
        }
    }

    private TrendChart() {}

    /** {@code builds} in any order; the charts in the order the load tests appear from the newest build back. */
    public static List<Chart> render(List<Build> builds) {
        List<Build> last = builds.stream()
                .sorted(Comparator.comparingInt(Build::number).reversed())
                .limit(DEFAULT_BUILDS)
                .sorted(Comparator.comparingInt(Build::number))
                .toList();
        Set<String> tests = new LinkedHashSet<>();
        for (int i = last.size() - 1; i >= 0; i--) {
            last.get(i).runs().forEach(r -> tests.add(r.loadTest()));
        }
        List<Chart> charts = new ArrayList<>();
        for (String test : tests) {
            List<Run> runs = last.stream() // each build's last run of the test, null for none
                    .map(b -> b.runs().stream()
                            .filter(r -> r.loadTest().equals(test))
                            .reduce((a, b2) -> b2)
                            .orElse(null))
                    .toList();
            charts.add(new Chart(test, svg(test, last, runs, "k6-trend-" + (charts.size() + 1))));
        }
        return charts;
    }

    private static String svg(String test, List<Build> builds, List<Run> runs, String id) {
        int stripTop = TOP + Series.values().length * (PANEL_HEIGHT + PANEL_GAP);
        int height = stripTop + 46;
        StringBuilder s = new StringBuilder(tag(
                "<svg xmlns='http://www.w3.org/2000/svg' class='k6-trend' role='img' width='%s' height='%s'"
                        + " viewBox='0 0 %s %s' aria-labelledby='%s-title %s-desc'>\n",
                WIDTH, height, WIDTH, height, id, id));
        s.append(tag("<title id='%s-title'>%s</title>\n", id, esc("k6 Cloud trend of " + test)));
        s.append(tag("<desc id='%s-desc'>%s</desc>\n", id, esc(description(test, builds, runs))));
        s.append("<style>").append(CSS).append("</style>\n");
        text(s, LEFT, 18, "k6-trend-title", "start", "k6 Cloud: " + test);
        int x = LEFT; // the legend: the series on one row, the verdict kinds on the next
        for (Series l : Series.values()) {
            s.append(tag(
                    "<line class='k6-trend-line %s' stroke='%s' stroke-width='2' x1='%s' y1='34' x2='%s' y2='34'/>\n",
                    l.css, l.colour, x, x + 16));
            text(s, x + 20, 38, "k6-trend-text", "start", l.label);
            x += 36 + l.label.length() * 6;
        }
        x = LEFT;
        for (Kind k : Kind.values()) {
            s.append(k.rect(tag("x='%s' y='47' width='10' height='10'/>\n", x + 3)));
            text(s, x + 20, 56, "k6-trend-text", "start", k.name + " build");
            x += 36 + (k.name.length() + 6) * 6;
        }
        for (Series series : Series.values()) {
            panel(s, series, TOP + series.ordinal() * (PANEL_HEIGHT + PANEL_GAP), builds, runs);
        }
        text(s, LEFT - 6, stripTop + 13, "k6-trend-text", "end", "verdict");
        int step = Math.max(1, (int) Math.ceil(builds.size() / 12.0));
        for (int i = 0; i < builds.size(); i++) {
            Build b = builds.get(i);
            double bx = x(i, builds.size());
            Run r = runs.get(i);
            if (r != null) {
                String title = esc("#" + b.number() + ": " + (r.verdict() == null ? "no verdict" : r.verdict()));
                String rect = "x='%s' y='%s' width='12' height='16'><title>%s</title></rect>";
                s.append(link(b, Kind.of(r.verdict()).rect(tag(rect, coordinate(bx - 6), stripTop, title))));
            }
            if (i % step == 0 || i == builds.size() - 1) {
                text(s, (int) Math.round(bx), stripTop + 34, "k6-trend-text", "middle", "#" + b.number());
            }
        }
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
            s.append(tag(
                    line,
                    g == 0 ? "k6-trend-axis" : "k6-trend-grid",
                    g == 0 ? "#6b7280" : "#d0d7de",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y));
            text(s, LEFT - 6, y + 4, "k6-trend-text", "end", RunFigures.number(v, v < 10 ? 2 : 0));
        }
        s.append(tag(line, "k6-trend-axis", "#6b7280", LEFT, top, LEFT, bottom));
        List<String> segment = new ArrayList<>();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i <= builds.size(); i++) { // one step past the end closes the last segment
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
            String title = "#" + b.number() + ": " + series.title + " " + series.figure.unit.format(series.value(r));
            points.append(link(
                    b,
                    tag(
                            "<circle class='%s' fill='%s' cx='%s' cy='%s' r='3.5'><title>%s</title></circle>",
                            series.css, series.colour, x, y, esc(title))));
        }
        s.append(points);
    }

    private static String description(String test, List<Build> builds, List<Run> runs) {
        StringBuilder d = new StringBuilder("Builds #" + builds.get(0).number() + " to #"
                + builds.get(builds.size() - 1).number() + " of load test " + test + ".");
        for (Series series : Series.values()) {
            List<Double> values =
                    runs.stream().map(series::value).filter(Objects::nonNull).toList();
            d.append(' ').append(series.title);
            RunFigures.Unit u = series.figure.unit;
            d.append(
                    values.isEmpty()
                            ? ": no values."
                            : " from " + u.format(Collections.min(values)) + " to " + u.format(Collections.max(values))
                                    + ", latest " + u.format(values.get(values.size() - 1)) + ".");
        }
        d.append(" Verdicts: ");
        for (Kind k : Kind.values()) {
            long n = runs.stream()
                    .filter(r -> r != null && Kind.of(r.verdict()) == k)
                    .count();
            d.append(n).append(' ').append(k.name).append(k == Kind.OTHER ? "." : ", ");
        }
        String gaps = IntStream.range(0, builds.size())
                .filter(i -> runs.get(i) == null || runs.get(i).figures() == null)
                .mapToObj(i -> "#" + builds.get(i).number())
                .collect(Collectors.joining(", "));
        if (!gaps.isEmpty()) {
            d.append(" No run or no metrics: ").append(gaps).append('.');
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
        for (double m : new double[] {1, 2, 2.5, 5}) {
            if (m * power >= v) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** {@code content} linked to the build's page unless its URL could run script (not relative nor http(s)). */
    private static String link(Build b, String content) {
        String u = b.url() == null ? ":" : b.url().strip().toLowerCase(Locale.ROOT);
        int colon = u.indexOf(':');
        int slash = u.indexOf('/');
        boolean safe =
                colon < 0 || (slash >= 0 && slash < colon) || u.startsWith("http://") || u.startsWith("https://");
        return (safe ? "<a href=\"" + esc(b.url()) + "\">" + content + "</a>" : content) + "\n";
    }

    private static void text(StringBuilder s, int x, int y, String css, String anchor, String text) {
        s.append(tag(TEXT, css, x, y, anchor, esc(text)));
    }

    private static String coordinate(double v) {
        return RunFigures.number(v, 1);
    }

    private static String readCss() {
        try (InputStream in = Objects.requireNonNull(TrendChart.class.getResourceAsStream("trend.css"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8) // without its comment
                    .replaceAll("(?s)/\\*.*?\\*/", "")
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
