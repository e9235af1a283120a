package io.jenkins.plugins.k6cloud.action;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import hudson.EnvVars;
import io.jenkins.plugins.k6cloud.Outcomes;
import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.results.MetricsTable;
import io.jenkins.plugins.k6cloud.results.RunFigures;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

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
        assertEquals(
                "what later builds compare: the figures and the outcome's thresholds",
                new RunFigures(
                        401.0,
                        120.0,
                        450.0,
                        900.0,
                        0.01,
                        50.0,
                        null,
                        null,
                        0.99,
                        Outcomes.passed(1).thresholds()),
                a.figures());
        assertNull(a.getMetricsUnavailable());
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
