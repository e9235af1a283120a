package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.testing.TestRuns;
import org.junit.Rule;
import org.junit.Test;

/** Run links from k6 Cloud answers end in href attributes: only absolute http(s) links are used. */
public class RunLinksTest {
    @Rule
    public final EngineHarness h = new EngineHarness();

    @Test
    public void onlyAbsoluteHttpLinksWithoutUserInfoAreSafe() {
        assertEquals("https://app.k6.io/runs/42", RunSettings.safeLink("https://app.k6.io/runs/42"));
        assertEquals("http://127.0.0.1:8080/runs/42", RunSettings.safeLink(" http://127.0.0.1:8080/runs/42 "));
        assertNull(RunSettings.safeLink("javascript:alert(1)"));
        assertNull(RunSettings.safeLink("JavaScript:alert(document.cookie)"));
        assertNull(RunSettings.safeLink("data:text/html,<script>alert(1)</script>"));
        assertNull(RunSettings.safeLink("//evil.example/runs/42"));
        assertNull(RunSettings.safeLink("/runs/42"));
        assertNull(RunSettings.safeLink("https://user:secret@evil.example/runs/42"));
        assertNull(RunSettings.safeLink("https://app.k6.io/runs/<42>"));
        assertNull(RunSettings.safeLink(""));
        assertNull(RunSettings.safeLink(null));
    }

    @Test
    public void aScriptLinkFromTheStartAnswerIsReplacedByTheConfiguredOne() {
        long testId = h.test(Scenarios.passes());
        InterceptingClient client = new InterceptingClient(h.client);
        client.rewriteRun = r -> TestRuns.withWebUrl(r, "javascript:alert(1)");
        RecordingListener listener = new RecordingListener();
        RunSettings settings = h.settings();

        RunOutcome o = h.finish(h.engine.start(testId, settings, client, listener));

        assertEquals(Verdict.PASSED, o.verdict());
        assertEquals(settings.runUrl(o.runId()), o.webUrl());
        assertEquals(settings.runUrl(o.runId()), listener.lastState().webUrl());
        assertThat(listener.linesContaining("javascript:"), empty());
    }
}
