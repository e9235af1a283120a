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
        assertEquals("https://app.k6.io/runs/42", RunLinks.safe("https://app.k6.io/runs/42"));
        assertEquals("http://127.0.0.1:8080/runs/42", RunLinks.safe(" http://127.0.0.1:8080/runs/42 "));
        assertNull(RunLinks.safe("javascript:alert(1)"));
        assertNull(RunLinks.safe("JavaScript:alert(document.cookie)"));
        assertNull(RunLinks.safe("data:text/html,<script>alert(1)</script>"));
        assertNull(RunLinks.safe("//evil.example/runs/42"));
        assertNull(RunLinks.safe("/runs/42"));
        assertNull(RunLinks.safe("https://user:secret@evil.example/runs/42"));
        assertNull(RunLinks.safe("https://app.k6.io/runs/<42>"));
        assertNull(RunLinks.safe(""));
        assertNull(RunLinks.safe(null));
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
