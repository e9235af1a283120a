package io.jenkins.plugins.k6cloud.results;

import static io.jenkins.plugins.k6cloud.results.RunFiguresTest.figures;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.k6cloud.api.Threshold;
import java.util.List;
import org.junit.Test;

/** The regression gate: each direction of each compared figure, and nothing to compare with. */
public class RegressionGateTest {
    private final RegressionGate gate = RegressionGate.parse("10%");

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

    /** The gate's lines for {@code now} against {@code before} (build #7), prefixed by whether it passed. */
    private List<String> check(RunFigures now, RunFigures before) {
        RegressionGate.Result r = gate.check(now, before, "build #7");
        return r.passed() ? List.of("passed") : r.lines();
    }

    private static RunFigures threshold(String name, double value) {
        return figures(null, null, null, null, new Threshold(name, null, value, false));
    }

    @Test
    public void aFigureThatGotWorseBeyondTheLimitFailsWithItsLine() {
        assertEquals(
                List.of("p95 312 ms -> 401 ms (+28.5 %, limit 10 %)"),
                check(figures(401.0, 0.01, null, null), figures(312.0, 0.01, null, null)));
        assertEquals(List.of("passed"), check(figures(250.0, 0.01, null, null), figures(312.0, 0.01, null, null)));
        assertEquals(List.of("passed"), check(figures(340.0, null, null, null), figures(312.0, null, null, null)));
        assertEquals(
                List.of("failure rate 0.5 % -> 1.2 % (+140.0 %, limit 10 %)"),
                check(figures(300.0, 0.012, null, null), figures(300.0, 0.005, null, null)));
        assertEquals(List.of("passed"), check(figures(300.0, 0.002, null, null), figures(300.0, 0.005, null, null)));
        assertEquals(
                List.of("failure rate 0 % -> 1 % (+inf %, limit 10 %)"),
                check(figures(null, 0.01, null, null), figures(null, 0.0, null, null)));
        assertEquals(
                "every regression gets its line",
                List.of("p95 312 ms -> 401 ms (+28.5 %, limit 10 %)", "failure rate 1 % -> 2 % (+100.0 %, limit 10 %)"),
                check(figures(401.0, 0.02, null, null), figures(312.0, 0.01, null, null)));
        assertEquals(
                "the gate compares p95, failure rate and thresholds only",
                List.of("passed"),
                check(figures(300.0, 0.01, 10.0, 0.5), figures(300.0, 0.01, 100.0, 1.0)));
    }

    @Test
    public void aThresholdValueFailsWhenItChangesForTheWorseByItsOperatorBeyondTheLimit() {
        String lower = "http_req_duration{name:login}: p(95)<800";
        assertEquals(
                List.of(lower + " 500 -> 600 (+20.0 %, limit 10 %)"),
                check(threshold(lower, 600), threshold(lower, 500)));
        assertEquals(List.of("passed"), check(threshold(lower, 400), threshold(lower, 500)));
        String higher = "checks: rate>0.5";
        assertEquals(
                List.of(higher + " 0.99 -> 0.8 (-19.2 %, limit 10 %)"),
                check(threshold(higher, 0.8), threshold(higher, 0.99)));
        assertEquals(List.of("passed"), check(threshold(higher, 0.99), threshold(higher, 0.8)));
    }

    @Test
    public void thePassingLineSaysWhatWasCompared() {
        assertEquals(
                List.of("Regression gate: no change for the worse beyond 10 % against build #7 (2 figures compared)."),
                gate.check(figures(250.0, 0.01, null, null), figures(312.0, 0.01, null, null), "build #7")
                        .lines());
        RegressionGate.Result none = gate.check(figures(900.0, 0.5, null, null), null, null);
        assertEquals(
                new RegressionGate.Result(
                        true,
                        List.of("Regression gate: no earlier passed build of this load test to compare with;"
                                + " it passes.")),
                none);
    }
}
