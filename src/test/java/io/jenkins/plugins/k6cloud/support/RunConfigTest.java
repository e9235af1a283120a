package io.jenkins.plugins.k6cloud.support;

import static io.jenkins.plugins.k6cloud.support.FormChecksTest.failure;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.Test;

/** The user's options and the global defaults becoming a run's settings, and where its token comes from. */
public class RunConfigTest {
    /** The options with the global defaults of a configured Jenkins. */
    private static RunSettings settings(RunConfig.Options o) {
        return o.toSettings("https://stack.grafana.net/a/k6-app/", "10s", "1h");
    }

    private static RunConfig.Options options(String pollInterval, String timeout, String thresholdFailure) {
        return new RunConfig.Options(null, pollInterval, timeout, thresholdFailure, true);
    }

    @Test
    public void stepOptionsWinOverTheGlobalDefaultsWhichFillTheBlanks() {
        RunSettings s = settings(options(" ", "", null));
        assertEquals(Duration.ofSeconds(10), s.pollInterval());
        assertEquals(Duration.ofHours(1), s.timeout());
        assertEquals(BuildResult.FAILURE, s.onThresholdsFailed());
        assertEquals("https://stack.grafana.net/a/k6-app", s.webAppUrl());
        assertTrue(s.waitForEnd());
        s = settings(new RunConfig.Options("mine", "30s", "1h30m", "unstable", false));
        assertEquals(Duration.ofSeconds(30), s.pollInterval());
        assertEquals(Duration.ofMinutes(90), s.timeout());
        assertEquals(BuildResult.UNSTABLE, s.onThresholdsFailed());
        assertFalse(s.waitForEnd());
        s = options(null, null, null)
                .toSettings(RunConfig.DEFAULT_WEB_APP_URL, RunConfig.DEFAULT_POLL_INTERVAL, RunConfig.DEFAULT_TIMEOUT);
        assertEquals(
                "a fresh installation has the engine's defaults", RunSettings.DEFAULT_POLL_INTERVAL, s.pollInterval());
        assertEquals(RunSettings.DEFAULT_TIMEOUT, s.timeout());
        assertEquals(RunSettings.DEFAULT_WEB_APP_URL, s.webAppUrl());
    }

    @Test
    public void badValuesSayWhatToFix() {
        assertThat(failure(() -> settings(options("500ms", null, null))), containsString("too short"));
        assertThat(
                failure(() -> settings(options(null, "forever", null))), containsString("'forever' is not a duration"));
        assertThat(failure(() -> settings(options(null, null, "ABORTED"))), containsString("use FAILURE or UNSTABLE"));
        assertThat(
                failure(() -> settings(options(null, null, null).withMaxRegression("10"))),
                containsString("maxRegression must be a percentage such as '10%'"));
    }

    @Test
    public void blankOptionsAreNotGiven() {
        RunConfig.Options none = options(null, null, "UNSTABLE");
        assertNull(none.regressionGate());
        assertNull(none.withMaxRegression("  ").regressionGate());
        assertEquals(7.5, none.withMaxRegression(" 7.5% ").regressionGate().limitPercent(), 0);
        assertEquals("UNSTABLE", none.withMaxRegression("10%").thresholdFailure());
        assertNull(new RunConfig.Options("  ", null, null, null, true).credentialsId());
        assertEquals("id", new RunConfig.Options(" id ", null, null, null, true).credentialsId());
        RunConfig.Options files = none.withWorkspaceFiles(" ", "", 7L, "  ", " k6.xml ");
        assertEquals(
                new RunConfig.Options(null, null, null, "UNSTABLE", true, null, null, null, 7L, null, "k6.xml"), files);
        assertTrue(files.needsWorkspace());
        assertFalse(none.needsWorkspace());
    }

    @Test
    public void aConnectionWithoutFlavourIsV2() {
        RunConfig.Connection c = new RunConfig.Connection(null, "https://api.k6.io", null, "k6");
        assertEquals(ApiFlavour.V2, c.apiFlavour());
        assertEquals(ApiFlavour.V6, c.withApiFlavour(ApiFlavour.V6).apiFlavour());
        assertEquals(c.apiUrl(), c.withApiFlavour(ApiFlavour.V6).apiUrl());
    }

    /** Step credentials, then a non-blank K6_CLOUD_TOKEN (as withCredentials binds it), then the global default. */
    @Test
    public void theTokenComesFromTheFirstSourceThatHasOne() {
        Map<String, String> withToken = Map.of("K6_CLOUD_TOKEN", "from-env");
        assertEquals("step", K6CloudCredentials.chooseSource("step", "global", withToken));
        assertNull("the variable", K6CloudCredentials.chooseSource(" ", "global", withToken));
        assertNull("the variable", K6CloudCredentials.chooseSource(null, null, withToken));
        // a blank variable, e.g. an empty string parameter of that name, does not hide the default
        assertEquals("global", K6CloudCredentials.chooseSource(null, "global", Map.of("K6_CLOUD_TOKEN", "")));
        assertEquals("global", K6CloudCredentials.chooseSource(" ", "global", Map.of("K6_CLOUD_TOKEN", "  ")));
        assertEquals("global", K6CloudCredentials.chooseSource(" ", "global", Map.of("PATH", "/bin")));
        assertEquals("global", K6CloudCredentials.chooseSource(null, "global", null));
        for (Map<String, String> env : Arrays.asList(Map.of("K6_CLOUD_TOKEN", ""), Map.<String, String>of(), null)) {
            String message = failure(() -> K6CloudCredentials.chooseSource(null, " ", env));
            assertThat(message, containsString("K6_CLOUD_TOKEN"));
            assertThat(message, containsString("withCredentials"));
        }
    }
}
