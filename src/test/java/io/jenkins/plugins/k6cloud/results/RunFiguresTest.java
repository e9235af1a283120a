package io.jenkins.plugins.k6cloud.results;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.Threshold;
import io.jenkins.plugins.k6cloud.results.RunFigures.Change;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Test;

/** A run's figures: compared with an earlier run's, the metrics table, the regression gate. */
public class RunFiguresTest {
    private final RegressionGate gate = RegressionGate.parse("10%");

    static RunFigures figures(Double p95, Double failureRate, Double rps, Double checks, Threshold... thresholds) {
        return new RunFigures(p95, null, null, null, failureRate, rps, null, null, checks, List.of(thresholds));
    }

    /** Each change as its line and verdict, by name. */
    private static Map<String, String> compare(RunFigures now, RunFigures before) {
        return Change.compare(now, before).stream().collect(Collectors.toMap(Change::name, c -> c + " " + c.verdict()));
    }

    @Test
    public void eachFigureIsBetterOrWorseByItsDirectionAndAbsentFiguresAreNotCompared() {
        assertEquals(
                Map.of(
                        "p95", "p95 312 ms -> 401 ms (+28.5 %) WORSE",
                        "failure rate", "failure rate 1 % -> 0.5 % (-50.0 %) BETTER",
                        "requests/s", "requests/s 200/s -> 150/s (-25.0 %) WORSE",
                        "checks passed", "checks passed 99 % -> 99.5 % (+0.5 %) BETTER"),
                compare(figures(401.0, 0.005, 150.0, 0.995), figures(312.0, 0.01, 200.0, 0.99)));
        assertEquals(List.of(), Change.compare(null, figures(1.0, null, null, null)));
    }

    @Test
    public void thresholdsAreComparedByTheOperatorOfTheirExpression() {
        String[][] cases = { // name, before, after, expected ("-": not compared)
            {"http_req_duration: p(95)<500", "300", "330", "+10.0 %) WORSE"},
            {"a: p(95)<=500", "300", "270", "-10.0 %) BETTER"},
            {"checks: rate>0.95", "0.99", "0.97", "-2.0 %) WORSE"},
            {"a: rate>=0.9", "0.9", "0.99", "+10.0 %) BETTER"},
            {"a: count==3", "3", "4", "-"},
        };
        for (String[] c : cases) {
            Threshold before = new Threshold(c[0], null, Double.valueOf(c[1]), false);
            Threshold after = new Threshold(c[0], null, Double.valueOf(c[2]), false);
            Threshold onlyNow = new Threshold("iterations: count>10", "count", 12.0, false);
            String got = compare(
                            figures(null, null, null, null, after, onlyNow), figures(null, null, null, null, before))
                    .get(c[0]);
            assertEquals(c[0], c[3], got == null ? "-" : got.substring(got.lastIndexOf('(') + 1));
        }
    }

    @Test
    public void aChangeFromZeroIsInfiniteAndNoChangeIsSame() {
        Map<String, String> changes = compare(figures(5.0, 0.01, null, null), figures(5.0, 0.0, null, null));
        assertEquals(
                Map.of(
                        "failure rate",
                        "failure rate 0 % -> 1 % (+inf %) WORSE",
                        "p95",
                        "p95 5 ms -> 5 ms" + " (+0.0 %) SAME"),
                changes);
    }

    @Test
    public void figuresOfASummaryWithMissingSectionsAreAbsent() {
        RunFigures none = RunFigures.of(new RunMetrics.Summary(null, null, null, null, null, null), null);
        assertEquals(new RunFigures(null, null, null, null, null, null, null, null, null, List.of()), none);
        assertEquals(List.of(), Change.compare(none, figures(300.0, 0.0, 1.0, 1.0)));

        RunMetrics.Http http = new RunMetrics.Http(
                200L, 3L, 10.5, 12.0, new RunMetrics.Trend(200L, 1.0, 50.0, 900.0, 312.0, 500.0, 3.0), 45.0);
        RunFigures f = RunFigures.of(
                new RunMetrics.Summary(http, new RunMetrics.Checks(2L, 1L, 400L, 398L), null, null, null, null), null);
        assertEquals(new RunFigures(312.0, 45.0, 500.0, 900.0, 0.015, 10.5, 12.0, 200L, 398.0 / 400, List.of()), f);
        assertNull(RunFigures.Figure.P95.of(null));
    }

    private static final RunMetrics.Summary SUMMARY = new RunMetrics.Summary(
            new RunMetrics.Http(
                    6000L,
                    12L,
                    200.0,
                    300.0,
                    new RunMetrics.Trend(6000L, 21.5, 203.0, 656.0, 312.4, 437.4, 62.5),
                    187.4),
            new RunMetrics.Checks(2L, 1L, 12000L, 11988L),
            new RunMetrics.Thresholds(2L, 2L),
            null,
            null,
            new RunMetrics.Browser(1800.0, null, null, null, null, 40L, 0L, null, null));
    private static final List<RunMetrics.Check> CHECKS = List.of(
            new RunMetrics.Check("status is 200", 5988L, 12L, 0.998),
            new RunMetrics.Check("body", 6000L, 0L, 1.0),
            new RunMetrics.Check("odd", null, null, null));

    @Test
    public void everyReportedFigureHasARowWithItsChangeAgainstTheBaseline() {
        RunMetrics metrics = new RunMetrics(2000002, SUMMARY, null, CHECKS, null);
        RunFigures baseline = new RunFigures(300.0, 190.0, null, null, 0.004, 180.0, null, null, null, List.of());

        MetricsTable t = MetricsTable.of(metrics, new MetricsTable.Earlier(baseline, "k6 baseline run 2000001"));

        assertEquals(
                List.of(
                        "k6 Cloud metrics (changes against k6 baseline run 2000001):",
                        "  requests: 6000",
                        "  failure rate: 0.2 % (-50.0 %, better)",
                        "  requests/s (mean): 200/s (+11.1 %, better)",
                        "  requests/s (max): 300/s",
                        "  response time median: 187 ms (-1.4 %, better)",
                        "  response time p95: 312 ms (+4.1 %, worse)",
                        "  response time p99: 437 ms",
                        "  response time max: 656 ms",
                        "  checks passed: 99.9 %",
                        "  thresholds met: 2 of 2",
                        "  check \"status is 200\": 99.8 % passed (12 failed)",
                        "  check \"body\": all 6000 passed",
                        "  check \"odd\": no counts",
                        "  browser LCP p75: 1800 ms",
                        "  browser HTTP requests: 40"),
                t.consoleLines());
    }

    @Test
    public void withoutAnEarlierRunOrAnyFigureTheTableSaysSo() {
        RunMetrics empty =
                new RunMetrics(1, new RunMetrics.Summary(null, null, null, null, null, null), null, null, "x");

        MetricsTable t = MetricsTable.of(empty, null);

        assertEquals(
                List.of("k6 Cloud metrics:", "  (k6 Cloud reported none)", "  checks not available: x"),
                t.consoleLines());
    }

    @Test
    public void maxRegressionIsAPercentage() {
        assertEquals(7.5, RegressionGate.parse(" 7.5 % ").limitPercent(), 0);
        assertEquals("10 %", gate.limitText());
        assertEquals("0 %", RegressionGate.parse("0%").limitText());
        assertEquals("7.5 %", RegressionGate.parse("7.5%").limitText());
        for (String bad : new String[] {"10", "ten%", "-5%", "10%%", "", "1e3%", "9".repeat(400) + "%"}) {
            IllegalArgumentException e =
                    assertThrows(bad, IllegalArgumentException.class, () -> RegressionGate.parse(bad));
            assertThat(e.getMessage(), containsString("maxRegression must be a percentage such as '10%'"));
            assertThat(e.getMessage(), containsString("got '" + bad.strip() + "'"));
        }
        assertThat(
                assertThrows(IllegalArgumentException.class, () -> RegressionGate.parse(null))
                        .getMessage(),
                containsString("got nothing"));
    }

    private static RunFigures f(Double p95, Double failureRate) {
        return figures(p95, failureRate, null, null);
    }

    private static RunFigures threshold(String name, double value) {
        return figures(null, null, null, null, new Threshold(name, null, value, false));
    }

    @Test
    public void theGateFailsOnP95FailureRateOrAThresholdWorseBeyondTheLimit() {
        String lower = "http_req_duration{name:login}: p(95)<800";
        String higher = "checks: rate>0.5";
        Object[][] rows = { // now, before, the gate's lines ("passed" when it passed)
            {f(401.0, 0.01), f(312.0, 0.01), "p95 312 ms -> 401 ms (+28.5 %, limit 10 %)"},
            {f(250.0, 0.01), f(312.0, 0.01), "passed"},
            {f(340.0, null), f(312.0, null), "passed"},
            {f(300.0, 0.012), f(300.0, 0.005), "failure rate 0.5 % -> 1.2 % (+140.0 %, limit 10 %)"},
            {f(300.0, 0.002), f(300.0, 0.005), "passed"},
            {f(null, 0.01), f(null, 0.0), "failure rate 0 % -> 1 % (+inf %, limit 10 %)"},
            {
                f(401.0, 0.02),
                f(312.0, 0.01),
                "p95 312 ms -> 401 ms (+28.5 %, limit 10 %)|failure rate 1 % -> 2 %" + " (+100.0 %, limit 10 %)"
            },
            {figures(300.0, 0.01, 10.0, 0.5), figures(300.0, 0.01, 100.0, 1.0), "passed"}, // nor rps, nor checks
            {threshold(lower, 600), threshold(lower, 500), lower + " 500 -> 600 (+20.0 %, limit 10 %)"},
            {threshold(lower, 400), threshold(lower, 500), "passed"},
            {threshold(higher, 0.8), threshold(higher, 0.99), higher + " 0.99 -> 0.8 (-19.2 %, limit 10 %)"},
            {threshold(higher, 0.99), threshold(higher, 0.8), "passed"},
        };
        for (Object[] row : rows) {
            RegressionGate.Result r = gate.check((RunFigures) row[0], (RunFigures) row[1], "build #7");
            assertEquals(row[0] + "", row[2], r.passed() ? "passed" : String.join("|", r.lines()));
        }
        assertEquals(
                List.of("Regression gate: no change for the worse beyond 10 % against build #7 (2 figures compared)."),
                gate.check(f(250.0, 0.01), f(312.0, 0.01), "build #7").lines());
        assertEquals(
                List.of("Regression gate: no earlier passed build of this load test to compare with; it passes."),
                gate.check(f(900.0, 0.5), null, null).lines());
        assertTrue(gate.check(f(900.0, 0.5), null, null).passed());
    }
}
