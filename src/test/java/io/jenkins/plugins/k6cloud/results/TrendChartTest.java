package io.jenkins.plugins.k6cloud.results;

import static io.jenkins.plugins.k6cloud.results.ChangeTest.figures;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The trend SVG of a job of several builds: builds without a k6 run and with failed metric reads
 * (gaps), two load tests (two charts), more builds than shown. Each chart is parsed as XML and its
 * content checked.
 */
public class TrendChartTest {
    private static final String SVG = "http://www.w3.org/2000/svg";

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
        java.util.Collections.reverse(builds); // any order
        return builds;
    }

    private static NodeList nodes(Document d, String xpath) throws Exception {
        XPath x = XPathFactory.newInstance().newXPath();
        x.setNamespaceContext(new javax.xml.namespace.NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return SVG;
            }

            @Override
            public String getPrefix(String uri) {
                return "s";
            }

            @Override
            public java.util.Iterator<String> getPrefixes(String uri) {
                return List.of("s").iterator();
            }
        });
        return (NodeList) x.evaluate(xpath, d, XPathConstants.NODESET);
    }

    @Test
    public void oneChartPerLoadTestNewestFirstOverTheLastTwentyBuilds() throws Exception {
        List<TrendChart.Chart> charts = TrendChart.render(job(), TrendChart.DEFAULT_BUILDS);

        assertEquals(
                List.of("checkout", "login"),
                charts.stream().map(TrendChart.Chart::loadTest).toList());
        Document checkout = JUnitReportTest.parse(charts.get(0).svg());
        Element svg = checkout.getDocumentElement();
        assertEquals(SVG, svg.getNamespaceURI());
        assertEquals("img", svg.getAttribute("role"));
        assertEquals("k6-trend-1-title k6-trend-1-desc", svg.getAttribute("aria-labelledby"));
        assertEquals(
                "k6 Cloud trend of checkout",
                nodes(checkout, "/s:svg/s:title").item(0).getTextContent());
        String desc = nodes(checkout, "/s:svg/s:desc").item(0).getTextContent();
        assertThat(desc, containsString("Builds #6 to #25 of load test checkout."));
        assertThat(desc, containsString("Response time p95 from 306 ms to 325 ms, latest 325 ms."));
        assertThat(desc, containsString("Verdicts: 17 passed, 2 failed, 0 other."));
        assertThat(desc, containsString("No run or no metrics: #9, #12."));

        // x axis: build numbers; y axes: the three series' labels and a legend
        List<String> texts = texts(checkout);
        assertTrue(texts.contains("#6"));
        assertTrue(texts.contains("#25"));
        assertFalse("only the last 20 builds", texts.contains("#5"));
        for (String label : List.of("Response time p95 (ms)", "Failure rate (%)", "Requests per second (/s)")) {
            assertEquals(
                    label + ": legend and axis",
                    2,
                    texts.stream().filter(label::equals).count());
        }
        assertTrue(texts.containsAll(List.of("passed build", "failed build", "other build", "verdict")));
    }

    @Test
    public void everyPointAndVerdictLinksToItsBuildAndGapsBreakTheLines() throws Exception {
        Document checkout =
                JUnitReportTest.parse(TrendChart.render(job(), 20).get(0).svg());

        // 20 builds shown, #9 ran nothing, #12 has no metrics: 18 points per series, 19 verdicts
        assertEquals(
                18,
                nodes(checkout, "//s:a/s:circle[contains(@class,'k6-trend-p95')]")
                        .getLength());
        assertEquals(
                18,
                nodes(checkout, "//s:a/s:circle[contains(@class,'k6-trend-failures')]")
                        .getLength());
        assertEquals(
                18,
                nodes(checkout, "//s:a/s:circle[contains(@class,'k6-trend-rps')]")
                        .getLength());
        assertEquals(19, nodes(checkout, "//s:a/s:rect").getLength());
        assertEquals(
                1,
                nodes(checkout, "//s:a[@href='job/perf/12/']/s:rect[@class='k6-trend-failed']")
                        .getLength());
        assertEquals(0, nodes(checkout, "//s:a[@href='job/perf/12/']/s:circle").getLength());
        assertEquals(0, nodes(checkout, "//s:a[@href='job/perf/9/']").getLength());
        assertEquals(
                "#23: REGRESSED",
                nodes(checkout, "//s:a[@href='job/perf/23/']/s:rect[@class='k6-trend-failed']/s:title")
                        .item(0)
                        .getTextContent());
        assertEquals(
                "#25: Response time p95 325 ms",
                nodes(checkout, "//s:a[@href='job/perf/25/']/s:circle[contains(@class,'k6-trend-p95')]/s:title")
                        .item(0)
                        .getTextContent());
        // #6-#8 | #10-#11 | #13-#25: three line segments per series
        assertEquals(
                3,
                nodes(checkout, "//s:polyline[contains(@class,'k6-trend-p95')]").getLength());
    }

    @Test
    public void aSecondLoadTestHasItsOwnChartWithGapsWhereItDidNotRun() throws Exception {
        Document login =
                JUnitReportTest.parse(TrendChart.render(job(), 20).get(1).svg());

        assertEquals(
                "k6-trend-2-title",
                nodes(login, "/s:svg/s:title")
                        .item(0)
                        .getAttributes()
                        .getNamedItem("id")
                        .getNodeValue());
        assertEquals(
                6,
                nodes(login, "//s:a/s:circle[contains(@class,'k6-trend-p95')]").getLength());
        assertEquals(6, nodes(login, "//s:a/s:rect").getLength());
        String desc = nodes(login, "/s:svg/s:desc").item(0).getTextContent();
        assertThat(desc, containsString("Failure rate from 0 % to 0 %, latest 0 %."));
        assertThat(desc, containsString("#19"));
    }

    @Test
    public void coloursComeFromJenkinsThemeVariablesAndNothingRunsScript() {
        String svg = TrendChart.render(job(), 20).get(0).svg();

        for (String variable : List.of(
                "var(--text-color",
                "var(--text-color-secondary",
                "var(--success-color",
                "var(--error-color",
                "var(--accent-color",
                "var(--warning-color",
                "var(--jenkins-border-color")) {
            assertThat(svg, containsString(variable));
        }
        assertThat(svg, not(containsString("<script")));
        assertThat(svg, not(containsString(" on")));
        assertThat(svg, not(containsString("/*")));
        assertThat(svg, not(containsString("javascript:")));
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

        String svg = TrendChart.render(builds, 20).get(0).svg();
        Document d = JUnitReportTest.parse(svg);

        assertThat(svg, not(containsString("javascript:")));
        assertEquals(
                "k6 Cloud trend of <b>&x", nodes(d, "/s:svg/s:title").item(0).getTextContent());
        assertEquals(
                1,
                nodes(d, "//s:a[@href='https://ci.example/job/x/2/']/s:rect[@class='k6-trend-other']")
                        .getLength());
        assertEquals(
                "the single point of a series is a circle, no line",
                0,
                nodes(d, "//s:polyline").getLength());
    }

    @Test
    public void aJobWithoutK6RunsHasNoChartAndTheBuildCountIsChecked() {
        assertEquals(List.of(), TrendChart.render(List.of(build(1), build(2)), 20));
        assertThrows(IllegalArgumentException.class, () -> TrendChart.render(List.of(), 0));
    }

    @Test
    public void aRegressedBuildIsMarkedFailedLikeCrossedThresholds() {
        assertEquals("failed", TrendChart.kind("REGRESSED"));
        assertEquals("failed", TrendChart.kind("THRESHOLDS_FAILED"));
        assertEquals("passed", TrendChart.kind("PASSED"));
    }

    @Test
    public void axisMaximaAreRoundNumbers() {
        assertEquals(1, TrendChart.niceCeiling(0), 0);
        assertEquals(500, TrendChart.niceCeiling(412), 0);
        assertEquals(250, TrendChart.niceCeiling(201), 0);
        assertEquals(0.02, TrendChart.niceCeiling(0.0123), 1e-12);
    }

    private static List<String> texts(Document d) throws Exception {
        NodeList n = nodes(d, "//s:text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            out.add(n.item(i).getTextContent());
        }
        return out;
    }
}
