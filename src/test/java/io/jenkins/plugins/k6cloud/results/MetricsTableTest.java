package io.jenkins.plugins.k6cloud.results;

import static org.junit.Assert.assertEquals;

import io.jenkins.plugins.k6cloud.api.RunMetrics;
import java.util.List;
import org.junit.Test;

/** The table of a run's metrics, with and without an earlier run to compare with. */
public class MetricsTableTest {
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
}
