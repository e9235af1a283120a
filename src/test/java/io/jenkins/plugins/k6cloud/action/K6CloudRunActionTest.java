package io.jenkins.plugins.k6cloud.action;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import hudson.EnvVars;
import io.jenkins.plugins.k6cloud.Outcomes;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
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
                    t == String.class || t == long.class || t == boolean.class || t == List.class);
        }
        for (Field f : K6CloudRunAction.ThresholdRow.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                assertTrue(f.getName(), f.getType() == String.class || f.getType() == boolean.class);
            }
        }
    }
}
