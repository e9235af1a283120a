package io.jenkins.plugins.k6cloud.action;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import hudson.EnvVars;
import io.jenkins.plugins.k6cloud.Outcomes;
import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.Threshold;
import io.jenkins.plugins.k6cloud.results.MetricsTable;
import io.jenkins.plugins.k6cloud.results.RunFigures;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class K6CloudRunActionTest {
    @Test
    public void recordsTheOutcomeAsPlainValues() {
        K6CloudRunAction a = K6CloudRunAction.of(Outcomes.passed(1001));
        assertEquals(42L, a.getTestId());
        assertEquals(1001L, a.getRunId());
        assertEquals("https://app.k6.io/runs/1001", a.getRunUrl());
        assertEquals("PASSED", a.getVerdict());
        assertEquals("SUCCESS", a.getBuildResult());
        assertTrue(a.isSuccess());
        assertEquals("Finished", a.getRunStatus());
        assertEquals("Passed", a.getResultStatus());
        assertEquals(754L, a.getDurationSeconds());
        assertEquals("12m34s", a.getDurationText());
        assertEquals(50L, a.getVus());
        List<K6CloudRunAction.ThresholdRow> rows = a.getThresholds();
        assertEquals(2, rows.size());
        assertEquals("http_req_duration [p(95)]", rows.get(0).getName());
        assertEquals("312.46", rows.get(0).getValue());
        assertEquals("0.0012", rows.get(1).getValue());
        assertTrue(rows.get(0).isPassed());
    }

    @Test
    public void onlyHttpLinksBecomeLinks() throws Exception {
        assertEquals(
                "https://app.k6.io/runs/1001",
                K6CloudRunAction.of(Outcomes.passed(1001)).getRunHref());
        String[] unsafe = {"javascript:alert(1)", "data:text/html,x", "//evil.example/runs/1", "not a url"};
        for (String saved : unsafe) {
            K6CloudRunAction a = K6CloudRunAction.of(Outcomes.passed(1001));
            Field url = K6CloudRunAction.class.getDeclaredField("runUrl");
            url.setAccessible(true);
            url.set(a, saved); // as read from a tampered or old build.xml
            assertNull(saved, a.getRunHref());
            assertEquals("the text is still shown", saved, a.getRunUrl());
            assertTrue("the summary still says the run was started, without a link", a.isRunStarted());
        }
        assertNull(K6CloudRunAction.of(Outcomes.noRun()).getRunHref());
        assertFalse(K6CloudRunAction.of(Outcomes.noRun()).isRunStarted());
    }

    @Test
    public void hasNoPageOfItsOwn() {
        K6CloudRunAction a = K6CloudRunAction.of(Outcomes.passed(1));
        assertNull(a.getIconFileName());
        assertNull(a.getUrlName());
    }

    @Test
    public void contributesRunIdUrlAndVerdict() {
        EnvVars env = new EnvVars();
        K6CloudRunAction.of(Outcomes.passed(1001)).buildEnvironment(null, env);
        assertEquals("1001", env.get("K6_CLOUD_RUN_ID"));
        assertEquals("https://app.k6.io/runs/1001", env.get("K6_CLOUD_RUN_URL"));
        assertEquals("PASSED", env.get("K6_CLOUD_RESULT"));
    }

    @Test
    public void withSeveralRunsTheLatestWins() {
        EnvVars env = new EnvVars();
        // Jenkins asks every action of the build in the order they were added
        K6CloudRunAction.of(Outcomes.passed(1001)).buildEnvironment(null, env);
        K6CloudRunAction.of(Outcomes.thresholdsFailed(1002)).buildEnvironment(null, env);
        assertEquals("1002", env.get("K6_CLOUD_RUN_ID"));
        assertEquals("THRESHOLDS_FAILED", env.get("K6_CLOUD_RESULT"));
    }

    @Test
    public void withoutARunOnlyTheResultIsSet() {
        EnvVars env = new EnvVars();
        K6CloudRunAction a = K6CloudRunAction.of(Outcomes.noRun());
        a.buildEnvironment(null, env);
        assertEquals(Set.of("K6_CLOUD_RESULT"), env.keySet());
        assertEquals(0L, a.getRunId());
        assertEquals(-1L, a.getVus());
        assertFalse(a.isSuccess());
    }

    @Test
    public void savedFieldsArePlainValuesOrThresholdRows() {
        for (Field f : K6CloudRunAction.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) {
                continue;
            }
            Class<?> t = f.getType();
            assertTrue(
                    f.getName() + " is " + t,
                    t == String.class
                            || t == long.class
                            || t == boolean.class
                            || t == List.class
                            || t == K6CloudRunAction.Figures.class);
        }
        for (Class<?> c : List.of(
                K6CloudRunAction.ThresholdRow.class,
                K6CloudRunAction.MetricRow.class,
                K6CloudRunAction.Figures.class)) {
            assertFalse(c + ": XStream cannot read records back from build.xml", c.isRecord());
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    Class<?> t = f.getType();
                    assertTrue(
                            c.getSimpleName() + "." + f.getName(),
                            t == String.class
                                    || t == boolean.class
                                    || t == Double.class
                                    || t == Long.class
                                    // the thresholds' values by name: XStream writes a map of plain values
                                    || (c == K6CloudRunAction.Figures.class && t == LinkedHashMap.class));
                }
            }
        }
    }

    @Test
    public void keepsTheMetricsTableAndTheFiguresForTheNextBuild() {
        K6CloudRunAction a = K6CloudRunAction.of(Outcomes.passed(1001));
        assertTrue("nothing read yet", a.getMetrics().isEmpty());
        assertNull(a.figures());
        RunFigures now = new RunFigures(401.0, 120.0, null, null, 0.01, 50.0, 70.0, 3000L, null, null);
        RunFigures before = new RunFigures(312.0, null, null, null, 0.02, 50.0, null, null, null, null);
        RunMetrics metrics = new RunMetrics(
                5,
                new RunMetrics.Summary(
                        new RunMetrics.Http(
                                3000L,
                                30L,
                                50.0,
                                70.0,
                                new RunMetrics.Trend(3000L, 1.0, 100.0, 900.0, 401.0, 500.0, 3.0),
                                120.0),
                        null,
                        null,
                        null,
                        null,
                        null),
                null,
                List.of(),
                null);

        a.recordMetrics(MetricsTable.of(metrics, before, "build #7"), now, null);

        assertEquals("build #7", a.getMetricsComparedWith());
        K6CloudRunAction.MetricRow p95 = a.getMetrics().stream()
                .filter(r -> r.getLabel().equals("response time p95"))
                .findFirst()
                .orElseThrow();
        assertEquals("401 ms", p95.getValue());
        assertEquals("+28.5 %", p95.getChange());
        assertEquals("worse", p95.getDirection());
        K6CloudRunAction.MetricRow failures = a.getMetrics().stream()
                .filter(r -> r.getLabel().equals("failure rate"))
                .findFirst()
                .orElseThrow();
        assertEquals("better", failures.getDirection());
        assertEquals(now, a.figures());
        assertNull(a.getMetricsUnavailable());
    }

    @Test
    public void keepsEachThresholdsValueForTheRegressionGate() {
        K6CloudRunAction a = K6CloudRunAction.of(Outcomes.passed(1001));
        a.recordMetrics(null, RunFigures.of(null, Outcomes.passed(1001).thresholds()), null);

        assertEquals(
                List.of(
                        new Threshold("http_req_duration", null, 312.456, false),
                        new Threshold("http_req_failed", null, 0.001234, false)),
                a.figures().thresholds());
    }

    @Test
    public void keepsWhyTheMetricsAreNotAvailable() {
        K6CloudRunAction a = K6CloudRunAction.of(Outcomes.passed(1001));
        a.recordMetrics(null, null, "k6 Cloud answered 404");
        assertEquals("k6 Cloud answered 404", a.getMetricsUnavailable());
        assertTrue(a.getMetrics().isEmpty());
        assertNull(a.figures());
    }
}
