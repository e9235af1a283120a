package io.jenkins.plugins.k6cloud.results;

import static io.jenkins.plugins.k6cloud.results.RunFiguresTest.figures;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.Test;
import org.w3c.dom.Document;

/**
 * The trend SVG of a job of several builds: builds without a k6 run and with failed metric reads (gaps),
 * two load tests (two charts), more builds than shown. Each chart is parsed as XML and its content checked.
 */
public class TrendChartTest {

    private static TrendChart.Build build(int n, TrendChart.Run... runs) {
        return new TrendChart.Build(n, "job/perf/" + n + "/", List.of(runs));
    }

    private static TrendChart.Run checkout(String verdict, Double p95) {
        return new TrendChart.Run("checkout", verdict, p95 == null ? null : figures(p95, 0.01, 200.0, 0.99));
    }

    /** Builds #1..#25: #5 and #9 ran nothing, #12 could not read its metrics, #20..#25 also ran "login". */
    private static List<TrendChart.Build> job() {
        List<TrendChart.Build> builds = new ArrayList<>();
        for (int n = 1; n <= 25; n++) {
            if (n == 5 || n == 9) {
                builds.add(build(n));
            } else if (n == 12) {
                builds.add(build(n, checkout("THRESHOLDS_FAILED", null)));
            } else if (n >= 20) {
                builds.add(build(
                        n,
                        checkout(n == 23 ? "REGRESSED" : "PASSED", 300.0 + n),
                        new TrendChart.Run("login", "PASSED", figures(100.0 + n, 0.0, 50.0, 1.0))));
            } else {
                builds.add(build(n, checkout("PASSED", 300.0 + n)));
            }
        }
        Collections.reverse(builds); // any order
        return builds;
    }

    /** The chart parsed without namespaces, so that XPath needs no prefixes. */
    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static String x(Document d, String xpath) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(xpath, d);
    }

    @Test
    public void oneChartPerLoadTestNewestFirstOverTheLastTwentyBuildsEachWithItsGaps() throws Exception {
        List<TrendChart.Chart> charts = TrendChart.render(job());

        assertEquals(
                List.of("checkout", "login"),
                charts.stream().map(TrendChart.Chart::loadTest).toList());
        Document d = parse(charts.get(0).svg());
        assertEquals("http://www.w3.org/2000/svg", d.getDocumentElement().getAttribute("xmlns"));
        assertEquals("img", x(d, "/svg/@role"));
        assertEquals("k6-trend-1-title k6-trend-1-desc", x(d, "/svg/@aria-labelledby"));
        assertEquals("k6 Cloud trend of checkout", x(d, "/svg/title"));
        assertEquals(
                "Builds #6 to #25 of load test checkout. Response time p95 from 306 ms to 325 ms, latest 325 ms."
                        + " Failure rate from 1 % to 1 %, latest 1 %. Requests per second from 200/s to 200/s, latest"
                        + " 200/s. Verdicts: 17 passed, 2 failed, 0 other. No run or no metrics: #9, #12.",
                x(d, "/svg/desc"));
        // x axis: build numbers (only the last 20); y axes: the three series' labels, also in the legend
        assertEquals(
                "1 1 0", x(d, "concat(count(//text[.='#6']),' ',count(//text[.='#25']),' ',count(//text[.='#5']))"));
        for (String label : List.of("Response time p95 (ms)", "Failure rate (%)", "Requests per second (/s)")) {
            assertEquals(label, "2", x(d, "count(//text[.='" + label + "'])"));
        }
        for (String label : List.of("passed build", "failed build", "other build", "verdict")) {
            assertEquals(label, "1", x(d, "count(//text[.='" + label + "'])"));
        }
        // the second load test: its own chart, with gaps where it did not run
        Document login = parse(charts.get(1).svg());
        assertEquals("k6-trend-2-title", x(login, "/svg/title/@id"));
        assertEquals("6", x(login, "count(//a/circle[@class='k6-trend-p95'])"));
        assertEquals("6", x(login, "count(//a/rect)"));
        assertThat(x(login, "/svg/desc"), containsString("Failure rate from 0 % to 0 %, latest 0 %."));
        assertThat(x(login, "/svg/desc"), containsString("#19"));
    }

    @Test
    public void everyPointAndVerdictLinksToItsBuildAndGapsBreakTheLines() throws Exception {
        Document d = parse(TrendChart.render(job()).get(0).svg());

        // 20 builds shown, #9 ran nothing, #12 has no metrics: 18 points per series, 19 verdicts
        for (String series : List.of("p95", "failures", "rps")) {
            assertEquals(series, "18", x(d, "count(//a/circle[@class='k6-trend-" + series + "'])"));
        }
        assertEquals("19", x(d, "count(//a/rect)"));
        assertEquals("1", x(d, "count(//a[@href='job/perf/12/']/rect[@class='k6-trend-failed'])"));
        assertEquals("0", x(d, "count(//a[@href='job/perf/12/']/circle)"));
        assertEquals("0", x(d, "count(//a[@href='job/perf/9/'])"));
        assertEquals("#23: REGRESSED", x(d, "//a[@href='job/perf/23/']/rect[@class='k6-trend-failed']/title"));
        assertEquals("#24: PASSED", x(d, "//a[@href='job/perf/24/']/rect[@class='k6-trend-passed']/title"));
        assertEquals(
                "#25: Response time p95 325 ms", x(d, "//a[@href='job/perf/25/']/circle[@class='k6-trend-p95']/title"));
        // #6-#8 | #10-#11 | #13-#25: three line segments per series
        assertEquals("3", x(d, "count(//polyline[contains(@class,'k6-trend-p95')])"));
    }

    @Test
    public void coloursComeFromJenkinsThemeVariablesAndNothingRunsScript() {
        String svg = TrendChart.render(job()).get(0).svg();

        for (String variable :
                "text-color text-color-secondary success error accent warning jenkins-border".split(" ")) {
            assertThat(svg, containsString("var(--" + variable));
        }
        for (String unwanted : List.of("<script", " on", "/*", "javascript:")) {
            assertThat(svg, not(containsString(unwanted)));
        }
    }

    @Test
    public void unsafeLinksAndNamesAreNeutralised() throws Exception {
        List<TrendChart.Build> builds = List.of(
                new TrendChart.Build(
                        1,
                        "javascript:alert(1)",
                        List.of(new TrendChart.Run("<b>&x", "PASSED", figures(1.0, 0.0, 1.0, 1.0)))),
                new TrendChart.Build(
                        2, "https://ci.example/job/x/2/", List.of(new TrendChart.Run("<b>&x", null, null))));

        String svg = TrendChart.render(builds).get(0).svg();
        Document d = parse(svg);

        assertThat(svg, not(containsString("javascript:")));
        assertEquals("k6 Cloud trend of <b>&x", x(d, "/svg/title"));
        assertEquals("1", x(d, "count(//a[@href='https://ci.example/job/x/2/']/rect[@class='k6-trend-other'])"));
        assertEquals("the single point of a series is a circle, no line", "0", x(d, "count(//polyline)"));
    }

    @Test
    public void aJobWithoutK6RunsHasNoChartAndAxisMaximaAreRoundNumbers() {
        assertEquals(List.of(), TrendChart.render(List.of(build(1), build(2))));
        assertEquals(1, TrendChart.niceCeiling(0), 0);
        assertEquals(500, TrendChart.niceCeiling(412), 0);
        assertEquals(250, TrendChart.niceCeiling(201), 0);
        assertEquals(0.02, TrendChart.niceCeiling(0.0123), 1e-12);
        assertEquals(1000, TrendChart.niceCeiling(501), 0);
    }
}
