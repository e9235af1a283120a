package io.jenkins.plugins.k6cloud.action;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.k6cloud.Outcomes;
import io.jenkins.plugins.k6cloud.results.RunFigures;
import io.jenkins.plugins.k6cloud.results.TrendChart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;

/** The job page's trend, drawn from what the job's builds kept in their {@link K6CloudRunAction}s. */
public class K6CloudTrendActionTest {

    @Test
    public void oneChartPerLoadTestOverTheLastBuildsWithGapsForBuildsWithoutFigures() throws Exception {
        Build b1 = new Build(null);
        b1.actions.add(action(7, 11, 250.0));
        Build b2 = new Build(b1); // ran no k6 Cloud load test
        Build b3 = new Build(b2);
        b3.actions.add(action(7, 12, null)); // its metrics could not be read
        b3.actions.add(action(8, 13, 90.0));
        Build b4 = new Build(b3);
        b4.actions.add(action(7, 14, 312.0));

        List<TrendChart.Chart> charts = new K6CloudTrendAction(b4).getCharts();

        assertEquals(
                List.of("load test 7", "load test 8"),
                charts.stream().map(TrendChart.Chart::loadTest).toList());
        String svg = charts.get(0).svg();
        DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))); // valid XML
        assertThat(svg, containsString("href=\"1/\""));
        assertThat(svg, containsString("href=\"4/\""));
        assertThat(svg, containsString("312"));
        assertThat(charts.get(1).svg(), containsString("href=\"3/\""));
    }

    @Test
    public void atMostTheLastTwentyBuildsAreRead() {
        Build b = null;
        for (int i = 0; i < 30; i++) {
            b = new Build(b);
            b.actions.add(action(7, 100 + i, 200.0 + i));
        }
        List<TrendChart.Build> builds = K6CloudTrendAction.builds(b, TrendChart.DEFAULT_BUILDS);
        assertEquals(20, builds.size());
        assertEquals(30, builds.get(0).number());
        assertEquals(11, builds.get(19).number());
        assertThat(new K6CloudTrendAction(b).getCharts().get(0).svg(), not(containsString("href=\"10/\"")));
    }

    @Test
    public void theFactoryGivesJobsWithBuildsTheTrendAndOthersNothing() {
        FakeJob job = new FakeJob();
        K6CloudTrendAction.Factory factory = new K6CloudTrendAction.Factory();
        assertTrue(factory.createFor(job).isEmpty());
        job.last = new Build(null);
        List<? extends Action> actions = new ArrayList<>(factory.createFor(job));
        assertEquals(1, actions.size());
        assertTrue(
                "no k6 Cloud run: no chart",
                ((K6CloudTrendAction) actions.get(0)).getCharts().isEmpty());
        assertEquals(null, actions.get(0).getUrlName());
    }

    /** A run {@code runId} of load test {@code testId} whose p95 was {@code p95} ({@code null}: not read). */
    private static K6CloudRunAction action(long testId, long runId, Double p95) {
        K6CloudRunAction a = K6CloudRunAction.of(Outcomes.ofTest(Outcomes.passed(runId), testId));
        if (p95 != null) {
            a.recordMetrics(null, new RunFigures(p95, null, null, null, 0.01, 40.0, null, null, null, null), null);
        } else {
            a.recordMetrics(null, null, "k6 Cloud answered 404");
        }
        return a;
    }

    /** A build that only knows its number, the one before it and its actions. */
    private static final class Build extends Run<FakeJob, Build> {
        final Build previous;
        final List<Action> actions = new ArrayList<>();

        Build(Build previous) {
            super(null, 0L);
            this.previous = previous;
        }

        @Override
        public Build getPreviousBuild() {
            return previous;
        }

        @Override
        public int getNumber() {
            return previous == null ? 1 : previous.getNumber() + 1;
        }

        @Override
        public <T extends Action> List<T> getActions(Class<T> type) {
            List<T> out = new ArrayList<>();
            for (Action a : actions) {
                if (type.isInstance(a)) {
                    out.add(type.cast(a));
                }
            }
            return out;
        }
    }

    private static final class FakeJob extends Job<FakeJob, Build> {
        Build last;

        FakeJob() {
            super(null, "trend");
        }

        @Override
        public Build getLastBuild() {
            return last;
        }

        @Override
        protected SortedMap<Integer, ? extends Build> _getRuns() {
            return new TreeMap<>();
        }

        @Override
        protected void removeRun(Build run) {}

        @Override
        public boolean isBuildable() {
            return false;
        }
    }
}
