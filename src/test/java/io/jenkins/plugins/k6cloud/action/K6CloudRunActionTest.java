package io.jenkins.plugins.k6cloud.action;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import hudson.EnvVars;
import hudson.model.Action;
import io.jenkins.plugins.k6cloud.Outcomes;
import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.Threshold;
import io.jenkins.plugins.k6cloud.pipeline.FakeBuild;
import io.jenkins.plugins.k6cloud.results.MetricsTable;
import io.jenkins.plugins.k6cloud.results.RunFigures;
import io.jenkins.plugins.k6cloud.results.TrendChart;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/** A build's {@link K6CloudRunAction}, and the job page's trend drawn from what the builds' actions kept. */
public class K6CloudRunActionTest {
    @Test
    public void recordsTheOutcomeAsPlainValuesWithoutAPageOfItsOwn() {
        K6CloudRunAction a = K6CloudRunAction.of(Outcomes.passed(1001));
        assertEquals(
                List.of(42L, 1001L, "https://app.k6.io/runs/1001", "PASSED", "SUCCESS", "12m34s"),
                List.of(
                        a.getTestId(),
                        a.getRunId(),
                        a.getRunUrl(),
                        a.getVerdict(),
                        a.getBuildResult(),
                        a.getDurationText()));
        List<String> rows = new ArrayList<>();
        a.getThresholds().forEach(t -> rows.add(t.getName() + " = " + t.getValue() + " " + t.isPassed()));
        assertEquals(List.of("http_req_duration [p(95)] = 312.46 true", "http_req_failed [rate] = 0.0012 true"), rows);
        assertNull(a.getIconFileName());
        assertNull(a.getUrlName());
    }

    @Test
    public void onlyHttpLinksBecomeLinks() throws Exception {
        assertEquals(
                "https://app.k6.io/runs/1001",
                K6CloudRunAction.of(Outcomes.passed(1001)).getRunHref());
        Field url = K6CloudRunAction.class.getDeclaredField("runUrl");
        url.setAccessible(true);
        for (String saved : List.of("javascript:alert(1)", "data:text/html,x", "//evil.example/runs/1", "not a url")) {
            K6CloudRunAction a = K6CloudRunAction.of(Outcomes.passed(1001));
            url.set(a, saved); // as read from a tampered build.xml
            assertNull(saved, a.getRunHref());
            assertEquals("the text is still shown", saved, a.getRunUrl());
            assertTrue("the summary still says the run was started, without a link", a.isRunStarted());
        }
        assertNull(K6CloudRunAction.of(Outcomes.noRun()).getRunHref());
        assertFalse(K6CloudRunAction.of(Outcomes.noRun()).isRunStarted());
    }

    @Test
    public void contributesRunIdUrlAndVerdictTheLatestRunWinningAndWithoutARunOnlyTheResult() {
        EnvVars env = new EnvVars();
        // Jenkins asks every action of the build in the order they were added
        K6CloudRunAction.of(Outcomes.passed(1001)).buildEnvironment(null, env);
        assertEquals(
                Map.of(
                        "K6_CLOUD_RUN_ID", "1001",
                        "K6_CLOUD_RUN_URL", "https://app.k6.io/runs/1001",
                        "K6_CLOUD_RESULT", "PASSED"),
                env);
        K6CloudRunAction.of(Outcomes.thresholdsFailed(1002)).buildEnvironment(null, env);
        assertEquals("1002", env.get("K6_CLOUD_RUN_ID"));
        assertEquals("THRESHOLDS_FAILED", env.get("K6_CLOUD_RESULT"));

        EnvVars none = new EnvVars();
        K6CloudRunAction a = K6CloudRunAction.of(Outcomes.noRun());
        a.buildEnvironment(null, none);
        assertEquals(Map.of("K6_CLOUD_RESULT", a.getVerdict()), none);
        assertEquals(0L, a.getRunId());
    }

    @Test
    public void savedFieldsArePlainValuesOrPlainClasses() {
        Set<Class<?>> plain =
                Set.of(String.class, long.class, boolean.class, Double.class, ArrayList.class, LinkedHashMap.class);
        for (Class<?> c : Set.of(K6CloudRunAction.class, K6CloudRunAction.ThresholdRow.class, MetricsTable.Row.class)) {
            assertFalse(c + ": XStream cannot read records back from build.xml", c.isRecord());
            for (Field f : c.getDeclaredFields()) {
                boolean saved = !Modifier.isStatic(f.getModifiers());
                assertTrue(c.getSimpleName() + "." + f.getName(), !saved || plain.contains(f.getType()));
            }
        }
    }

    @Test
    public void keepsTheMetricsTableAndTheFiguresForTheNextBuild() {
        K6CloudRunAction a = K6CloudRunAction.of(Outcomes.passed(1001));
        assertTrue("nothing read yet", a.getMetrics().isEmpty());
        assertNull(a.figures());
        RunFigures now = new RunFigures(401.0, 120.0, 450.0, 900.0, 0.01, 50.0, 70.0, 3000L, 0.99, null);
        RunFigures before = new RunFigures(312.0, null, null, null, 0.02, 50.0, null, null, null, null);
        RunMetrics.Http http = new RunMetrics.Http(
                3000L, 30L, 50.0, 70.0, new RunMetrics.Trend(3000L, 1.0, 100.0, 900.0, 401.0, 500.0, 3.0), 120.0);
        RunMetrics metrics =
                new RunMetrics(5, new RunMetrics.Summary(http, null, null, null, null, null), null, List.of(), null);

        a.recordMetrics(MetricsTable.of(metrics, new MetricsTable.Earlier(before, "build #7")), now, null);

        assertEquals("build #7", a.getMetricsComparedWith());
        List<String> rows = a.getMetrics().stream()
                .map(r -> r.getLabel() + ": " + r.getValue() + " " + r.getChange() + " " + r.getDirection())
                .toList();
        assertTrue(rows.toString(), rows.contains("response time p95: 401 ms +28.5 % worse"));
        assertTrue(rows.toString(), rows.contains("failure rate: 1 % -50.0 % better"));
        assertTrue(rows.toString(), rows.contains("requests: 3000 null null"));
        List<Threshold> thresholds = Outcomes.passed(1).thresholds(); // what later builds compare
        assertEquals(new RunFigures(401.0, 120.0, 450.0, 900.0, 0.01, 50.0, null, null, 0.99, thresholds), a.figures());
        assertNull(a.getMetricsUnavailable());
    }

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
