package io.jenkins.plugins.k6cloud;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import java.time.Duration;
import org.junit.Test;

public class RunOptionsTest {
    private final GlobalSettings global =
            new GlobalSettings("https://api.k6.io", "https://stack.grafana.net/a/k6-app/", 7L, "k6-token", "10s", "1h");

    @Test
    public void emptyOptionsTakeTheGlobalDefaults() {
        RunSettings s = new RunOptions(null, " ", "", null, true).toSettings(global);
        assertEquals(Duration.ofSeconds(10), s.pollInterval());
        assertEquals(Duration.ofHours(1), s.timeout());
        assertEquals(BuildResult.FAILURE, s.onThresholdsFailed());
        assertEquals("https://stack.grafana.net/a/k6-app", s.webAppUrl());
        assertTrue(s.waitForEnd());
    }

    @Test
    public void stepOptionsWinOverTheGlobalDefaults() {
        RunSettings s = new RunOptions("mine", "30s", "1h30m", "unstable", false).toSettings(global);
        assertEquals(Duration.ofSeconds(30), s.pollInterval());
        assertEquals(Duration.ofMinutes(90), s.timeout());
        assertEquals(BuildResult.UNSTABLE, s.onThresholdsFailed());
        assertFalse(s.waitForEnd());
    }

    @Test
    public void freshInstallationDefaultsAreTheEngineDefaults() {
        RunSettings s = new RunOptions(null, null, null, null, true).toSettings(GlobalSettings.defaults());
        assertEquals(RunSettings.DEFAULT_POLL_INTERVAL, s.pollInterval());
        assertEquals(RunSettings.DEFAULT_TIMEOUT, s.timeout());
        assertEquals(RunSettings.DEFAULT_WEB_APP_URL, s.webAppUrl());
    }

    @Test
    public void badValuesSayWhatToFix() {
        assertThat(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new RunOptions(null, "500ms", null, null, true).toSettings(global))
                        .getMessage(),
                containsString("too short"));
        assertThat(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new RunOptions(null, null, "forever", null, true).toSettings(global))
                        .getMessage(),
                containsString("'forever' is not a duration"));
        assertThat(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new RunOptions(null, null, null, "ABORTED", true).toSettings(global))
                        .getMessage(),
                containsString("use FAILURE or UNSTABLE"));
    }

    @Test
    public void blankCredentialsMeanTheDefault() {
        assertNull(new RunOptions("  ", null, null, null, true).credentialsId());
        assertEquals("id", new RunOptions(" id ", null, null, null, true).credentialsId());
    }
}
