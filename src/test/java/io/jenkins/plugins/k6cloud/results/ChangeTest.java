package io.jenkins.plugins.k6cloud.results;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.Test;

/** Comparing a run's figures with an earlier run's: change in percent, better or worse by each figure's direction. */
public class ChangeTest {

    static RunFigures figures(Double p95, Double failureRate, Double rps, Double checks, Threshold... thresholds) {
        return new RunFigures(p95, null, null, null, failureRate, rps, null, null, checks, List.of(thresholds));
    }

    private static Map<String, Change> byName(List<Change> changes) {
        return changes.stream().collect(Collectors.toMap(Change::name, Function.identity()));
    }

    @Test
    public void eachFigureIsBetterOrWorseByItsDirection() {
        RunFigures before = figures(312.0, 0.01, 200.0, 0.99);
        RunFigures after = figures(401.0, 0.005, 150.0, 0.995);

        Map<String, Change> c = byName(Change.compare(after, before));

        assertEquals(Change.Verdict.WORSE, c.get("p95").verdict());
        assertEquals(89.0 / 312 * 100, c.get("p95").percent(), 1e-9);
        assertEquals("p95 312 ms -> 401 ms (+28.5 %)", c.get("p95").toString());
        assertEquals(
                "lower failure rate is better",
                Change.Verdict.BETTER,
                c.get("failure rate").verdict());
        assertEquals(
                "failure rate 1 % -> 0.5 % (-50.0 %)", c.get("failure rate").toString());
        assertEquals(
                "fewer requests/s is worse",
                Change.Verdict.WORSE,
                c.get("requests/s").verdict());
        assertEquals(
                "more checks passed is better",
                Change.Verdict.BETTER,
                c.get("checks passed").verdict());
        assertEquals("absent figures are not compared", 4, c.size());
    }

    @Test
    public void thresholdsAreComparedByTheOperatorOfTheirExpression() {
        Threshold p95Before = new Threshold("http_req_duration: p(95)<500", "p(95)", 300.0, false);
        Threshold p95After = new Threshold("http_req_duration: p(95)<500", "p(95)", 330.0, false);
        Threshold checksBefore = new Threshold("checks: rate>0.95", "rate", 0.99, false);
        Threshold checksAfter = new Threshold("checks: rate>0.95", "rate", 0.97, false);
        Threshold onlyNow = new Threshold("iterations: count>10", "count", 12.0, false);

        Map<String, Change> c = byName(Change.compare(
                figures(null, null, null, null, p95After, checksAfter, onlyNow),
                figures(null, null, null, null, p95Before, checksBefore)));

        assertEquals(Change.Verdict.WORSE, c.get("http_req_duration: p(95)<500").verdict());
        assertEquals(10.0, c.get("http_req_duration: p(95)<500").percent(), 1e-9);
        assertEquals(Change.Verdict.WORSE, c.get("checks: rate>0.95").verdict());
        assertEquals(2, c.size());
    }

    @Test
    public void directionOfAThresholdExpression() {
        assertEquals(
                Figure.Direction.LOWER_IS_BETTER, Change.direction(new Threshold("a: p(95)<=500", null, 1.0, false)));
        assertEquals(
                Figure.Direction.HIGHER_IS_BETTER, Change.direction(new Threshold("a: rate>=0.9", null, 1.0, false)));
        assertNull(Change.direction(new Threshold("a: count==3", null, 1.0, false)));
    }

    @Test
    public void aChangeFromZeroIsInfiniteAndNoChangeIsSame() {
        Change fromZero = Change.of("failure rate", Figure.Unit.RATE, Figure.Direction.LOWER_IS_BETTER, 0.0, 0.01);
        assertTrue(Double.isInfinite(fromZero.percent()));
        assertEquals(Change.Verdict.WORSE, fromZero.verdict());
        assertEquals("+inf %", fromZero.percentText());
        assertEquals(
                Change.Verdict.SAME,
                Change.of("p95", Figure.Unit.MS, Figure.Direction.LOWER_IS_BETTER, 5.0, 5.0)
                        .verdict());
    }

    @Test
    public void figuresOfASummaryWithMissingSectionsAreAbsent() {
        RunFigures none = RunFigures.of(new RunMetrics.Summary(null, null, null, null, null, null), null);
        assertNull(none.p95Ms());
        assertNull(none.failureRate());
        assertEquals(List.of(), none.thresholds());
        assertEquals(List.of(), Change.compare(none, figures(300.0, 0.0, 1.0, 1.0)));

        RunMetrics.Http http = new RunMetrics.Http(
                200L, 3L, 10.5, 12.0, new RunMetrics.Trend(200L, 1.0, 50.0, 900.0, 312.0, 500.0, 3.0), 45.0);
        RunFigures f = RunFigures.of(
                new RunMetrics.Summary(http, new RunMetrics.Checks(2L, 1L, 400L, 398L), null, null, null, null), null);
        assertEquals(312.0, f.p95Ms(), 0);
        assertEquals(0.015, f.failureRate(), 1e-12);
        assertEquals(398.0 / 400, f.checksPassed(), 1e-12);
        assertEquals(45.0, f.medianMs(), 0);
    }
}
