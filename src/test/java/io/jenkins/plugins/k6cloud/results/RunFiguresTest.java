package io.jenkins.plugins.k6cloud.results;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.Threshold;
import io.jenkins.plugins.k6cloud.results.RunFigures.Change;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Test;

/** Comparing a run's figures with an earlier run's: change in percent, better or worse by each figure's direction. */
public class RunFiguresTest {

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
        assertEquals(
                Map.of(
                        "failure rate",
                        "failure rate 0 % -> 1 % (+inf %) WORSE",
                        "p95",
                        "p95 5 ms -> 5 ms (+0.0 %) SAME"),
                compare(figures(5.0, 0.01, null, null), figures(5.0, 0.0, null, null)));
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
}
