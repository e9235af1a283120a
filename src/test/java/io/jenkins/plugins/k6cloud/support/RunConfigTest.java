package io.jenkins.plugins.k6cloud.support;

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
import java.util.Map;
import org.junit.Test;

/** The user's options and the global defaults becoming a run's settings, and where its token comes from. */
public class RunConfigTest {
    private final Map<String, String> withToken = Map.of("K6_CLOUD_TOKEN", "from-env");

    /** The options with the global defaults of a configured Jenkins. */
    private static RunSettings settings(RunConfig.Options o) {
        return o.toSettings("https://stack.grafana.net/a/k6-app/", "10s", "1h");
    }

    @Test
    public void emptyOptionsTakeTheGlobalDefaults() {
        RunSettings s = settings(new RunConfig.Options(null, " ", "", null, true));
        assertEquals(Duration.ofSeconds(10), s.pollInterval());
        assertEquals(Duration.ofHours(1), s.timeout());
        assertEquals(BuildResult.FAILURE, s.onThresholdsFailed());
        assertEquals("https://stack.grafana.net/a/k6-app", s.webAppUrl());
        assertTrue(s.waitForEnd());
    }

    @Test
    public void stepOptionsWinOverTheGlobalDefaults() {
        RunSettings s = settings(new RunConfig.Options("mine", "30s", "1h30m", "unstable", false));
        assertEquals(Duration.ofSeconds(30), s.pollInterval());
        assertEquals(Duration.ofMinutes(90), s.timeout());
        assertEquals(BuildResult.UNSTABLE, s.onThresholdsFailed());
        assertFalse(s.waitForEnd());
    }

    @Test
    public void freshInstallationDefaultsAreTheEngineDefaults() {
        RunSettings s = new RunConfig.Options(null, null, null, null, true)
                .toSettings(RunConfig.DEFAULT_WEB_APP_URL, RunConfig.DEFAULT_POLL_INTERVAL, RunConfig.DEFAULT_TIMEOUT);
        assertEquals(RunSettings.DEFAULT_POLL_INTERVAL, s.pollInterval());
        assertEquals(RunSettings.DEFAULT_TIMEOUT, s.timeout());
        assertEquals(RunSettings.DEFAULT_WEB_APP_URL, s.webAppUrl());
    }

    @Test
    public void badValuesSayWhatToFix() {
        assertThat(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> settings(new RunConfig.Options(null, "500ms", null, null, true)))
                        .getMessage(),
                containsString("too short"));
        assertThat(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> settings(new RunConfig.Options(null, null, "forever", null, true)))
                        .getMessage(),
                containsString("'forever' is not a duration"));
        assertThat(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> settings(new RunConfig.Options(null, null, null, "ABORTED", true)))
                        .getMessage(),
                containsString("use FAILURE or UNSTABLE"));
        assertThat(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> settings(
                                        new RunConfig.Options(null, null, null, null, true).withMaxRegression("10")))
                        .getMessage(),
                containsString("maxRegression must be a percentage such as '10%'"));
    }

    @Test
    public void maxRegressionIsKeptAndBlankMeansNoGate() {
        RunConfig.Options none = new RunConfig.Options(null, null, null, "UNSTABLE", true);
        assertNull(none.regressionGate());
        assertNull(none.withMaxRegression("  ").regressionGate());
        assertEquals(7.5, none.withMaxRegression(" 7.5% ").regressionGate().limitPercent(), 0);
        assertEquals("UNSTABLE", none.withMaxRegression("10%").thresholdFailure());
    }

    @Test
    public void blankCredentialsMeanTheDefault() {
        assertNull(new RunConfig.Options("  ", null, null, null, true).credentialsId());
        assertEquals("id", new RunConfig.Options(" id ", null, null, null, true).credentialsId());
    }

    @Test
    public void stepCredentialsComeFirst() {
        assertEquals("step", K6CloudCredentials.chooseSource("step", "global", withToken));
    }

    @Test
    public void thenTheVariableBoundByWithCredentialsBeatsTheGlobalDefault() {
        assertNull("the variable", K6CloudCredentials.chooseSource(" ", "global", withToken));
        assertNull("the variable", K6CloudCredentials.chooseSource(null, null, withToken));
    }

    @Test
    public void aBlankVariableDoesNotHideTheGlobalDefault() {
        // e.g. an empty string parameter named K6_CLOUD_TOKEN
        assertEquals("global", K6CloudCredentials.chooseSource(null, "global", Map.of("K6_CLOUD_TOKEN", "")));
        assertEquals("global", K6CloudCredentials.chooseSource(" ", "global", Map.of("K6_CLOUD_TOKEN", "  ")));
        assertThrows(
                "a blank variable is no token either",
                IllegalArgumentException.class,
                () -> K6CloudCredentials.chooseSource(null, null, Map.of("K6_CLOUD_TOKEN", "")));
    }

    @Test
    public void thenTheGlobalDefault() {
        assertEquals("global", K6CloudCredentials.chooseSource(" ", "global", Map.of("PATH", "/bin")));
        assertEquals("global", K6CloudCredentials.chooseSource(null, "global", null));
    }

    @Test
    public void withoutAnySourceTheMessageListsTheChoices() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> K6CloudCredentials.chooseSource(null, "", Map.of()));
        assertThat(e.getMessage(), containsString("K6_CLOUD_TOKEN"));
        assertThat(e.getMessage(), containsString("withCredentials"));
        assertThrows(IllegalArgumentException.class, () -> K6CloudCredentials.chooseSource(null, null, null));
    }
}
