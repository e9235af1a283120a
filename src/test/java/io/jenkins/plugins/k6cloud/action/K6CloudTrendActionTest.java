package io.jenkins.plugins.k6cloud.action;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import hudson.model.Action;
import io.jenkins.plugins.k6cloud.Outcomes;
import io.jenkins.plugins.k6cloud.pipeline.FakeBuild;
import io.jenkins.plugins.k6cloud.results.RunFigures;
import io.jenkins.plugins.k6cloud.results.TrendChart;
import java.util.List;
import org.junit.Test;

/** The job page's trend, drawn from what the job's builds kept in their {@link K6CloudRunAction}s. */
public class K6CloudTrendActionTest {

    /** A build after {@code previous} with a run of load test {@code testId} whose p95 was {@code p95}. */
    private static FakeBuild build(FakeBuild previous, long testId, Double p95) {
        FakeBuild b = new FakeBuild();
        b.previous = previous;
        if (testId > 0) {
            K6CloudRunAction a = K6CloudRunAction.of(Outcomes.ofTest(Outcomes.passed(100 + b.getNumber()), testId));
            RunFigures f =
                    p95 == null ? null : new RunFigures(p95, null, null, null, 0.01, 40.0, null, null, null, null);
            a.recordMetrics(null, f, f == null ? "k6 Cloud answered 404" : null);
            b.added.add(a);
        }
        return b;
    }

    @Test
    public void oneChartPerLoadTestOverTheLastBuildsWithGapsForBuildsWithoutFigures() {
        FakeBuild b2 = build(build(null, 7, 250.0), 0, null); // #2 ran no k6 Cloud load test
        FakeBuild b3 = build(b2, 7, null); // its metrics could not be read
        b3.added.add(build(null, 8, 90.0).added.get(0));
        FakeBuild b4 = build(b3, 7, 312.0);

        List<TrendChart.Chart> charts = new K6CloudTrendAction(b4).getCharts();

        assertEquals(
                List.of("load test 7", "load test 8"),
                charts.stream().map(TrendChart.Chart::loadTest).toList());
        assertThat(charts.get(0).svg(), containsString("href=\"1/\""));
        assertThat(charts.get(0).svg(), containsString("#4: Response time p95 312 ms"));
        assertThat(charts.get(0).svg(), containsString("No run or no metrics: #2, #3."));
        assertThat(charts.get(1).svg(), containsString("href=\"3/\""));
    }

    @Test
    public void atMostTheLastTwentyBuildsAreRead() {
        FakeBuild b = null;
        for (int i = 0; i < 30; i++) {
            b = build(b, 7, 200.0 + i);
        }
        String svg = new K6CloudTrendAction(b).getCharts().get(0).svg();
        assertThat(svg, containsString("Builds #11 to #30"));
        assertThat(svg, not(containsString("href=\"10/\"")));
    }

    @Test
    public void theFactoryGivesJobsWithBuildsTheTrendAndOthersNothing() {
        FakeBuild.FakeJob job = new FakeBuild.FakeJob();
        K6CloudTrendAction.Factory factory = new K6CloudTrendAction.Factory();
        assertTrue(factory.createFor(job).isEmpty());
        job.last = new FakeBuild();
        List<? extends Action> actions = List.copyOf(factory.createFor(job));
        assertEquals(1, actions.size());
        assertTrue(
                "no k6 Cloud run: no chart",
                ((K6CloudTrendAction) actions.get(0)).getCharts().isEmpty());
        assertNull(actions.get(0).getUrlName());
    }
}
