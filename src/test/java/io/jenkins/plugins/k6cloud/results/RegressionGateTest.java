package io.jenkins.plugins.k6cloud.results;

import static io.jenkins.plugins.k6cloud.results.ChangeTest.figures;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.Threshold;
import java.util.List;
import org.junit.Test;

/** The regression gate: one test per direction of each compared figure, and none to compare with. */
public class RegressionGateTest {
    private final RegressionGate gate = RegressionGate.parse("10%");

    private static Threshold threshold(String name, double value) {
        return new Threshold(name, null, value, false);
    }

    @Test
    public void maxRegressionIsAPercentage() {
        assertEquals(10.0, RegressionGate.parse("10%").limitPercent(), 0);
        assertEquals(7.5, RegressionGate.parse(" 7.5 % ").limitPercent(), 0);
        assertEquals("0 %", RegressionGate.parse("0%").limitText());
        assertEquals("7.5 %", RegressionGate.parse("7.5%").limitText());
        for (String bad : new String[] {"10", "ten%", "-5%", "10%%", "", "1e3%"}) {
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

    @Test
    public void p95UpBeyondTheLimitFails() {
        RegressionGate.Result r =
                gate.check(figures(401.0, 0.01, null, null), figures(312.0, 0.01, null, null), "build #7");

        assertFalse(r.passed());
        assertEquals(List.of("p95 312 ms -> 401 ms (+28.5 %, limit 10 %)"), r.lines());
    }

    @Test
    public void p95DownPasses() {
        RegressionGate.Result r =
                gate.check(figures(250.0, 0.01, null, null), figures(312.0, 0.01, null, null), "build #7");

        assertTrue(r.passed());
        assertEquals(
                List.of("Regression gate: no change for the worse beyond 10 % against build #7 (2 figures compared)."),
                r.lines());
    }

    @Test
    public void p95UpWithinTheLimitPasses() {
        assertTrue(gate.check(figures(340.0, null, null, null), figures(312.0, null, null, null), "build #7")
                .passed());
    }

    @Test
    public void failureRateUpBeyondTheLimitFails() {
        RegressionGate.Result r =
                gate.check(figures(300.0, 0.012, null, null), figures(300.0, 0.005, null, null), "build #7");

        assertFalse(r.passed());
        assertEquals(List.of("failure rate 0.5 % -> 1.2 % (+140.0 %, limit 10 %)"), r.lines());
    }

    @Test
    public void failureRateDownPasses() {
        assertTrue(gate.check(figures(300.0, 0.002, null, null), figures(300.0, 0.005, null, null), "build #7")
                .passed());
    }

    @Test
    public void failuresWhereThereWereNoneFail() {
        RegressionGate.Result r =
                gate.check(figures(null, 0.01, null, null), figures(null, 0.0, null, null), "build #7");

        assertFalse(r.passed());
        assertEquals(List.of("failure rate 0 % -> 1 % (+inf %, limit 10 %)"), r.lines());
    }

    /** The threshold's value from {@code before} to {@code after}: the gate's lines, none when it passes. */
    private List<String> thresholdChange(String name, double before, double after) {
        RegressionGate.Result r = gate.check(
                figures(null, null, null, null, threshold(name, after)),
                figures(null, null, null, null, threshold(name, before)),
                "build #7");
        return r.passed() ? List.of() : r.lines();
    }

    @Test
    public void aThresholdValueFailsWhenItChangesForTheWorseByItsOperatorBeyondTheLimit() {
        String lower = "http_req_duration{name:login}: p(95)<800";
        assertEquals(List.of(lower + " 500 -> 600 (+20.0 %, limit 10 %)"), thresholdChange(lower, 500, 600));
        assertEquals(List.of(), thresholdChange("http_req_duration: p(95)<800", 500, 400));
        String higher = "checks: rate>0.5";
        assertEquals(List.of(higher + " 0.99 -> 0.8 (-19.2 %, limit 10 %)"), thresholdChange(higher, 0.99, 0.8));
        assertEquals(List.of(), thresholdChange(higher, 0.8, 0.99));
    }

    @Test
    public void requestsPerSecondAreNotGated() {
        assertTrue(
                "the gate compares p95, failure rate and thresholds only",
                gate.check(figures(300.0, 0.01, 10.0, 0.5), figures(300.0, 0.01, 100.0, 1.0), "build #7")
                        .passed());
    }

    @Test
    public void noEarlierPassedBuildPassesAndSaysSo() {
        RegressionGate.Result r = gate.check(figures(900.0, 0.5, null, null), null, null);

        assertTrue(r.passed());
        assertEquals(
                List.of("Regression gate: no earlier passed build of this load test to compare with; it passes."),
                r.lines());
        assertEquals(List.of(), r.regressions());
    }

    @Test
    public void everyRegressionGetsItsLine() {
        RegressionGate.Result r =
                gate.check(figures(401.0, 0.02, null, null), figures(312.0, 0.01, null, null), "build #7");

        assertEquals(2, r.regressions().size());
        assertEquals(2, r.lines().size());
    }
}
