package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.RunStatus;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.Timings;
import io.jenkins.plugins.k6cloud.testing.TestRuns;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Rule;
import org.junit.Test;

/** What a person reads on the console, the status phrase, the listener calls, and {@code wait: false}. */
public class RunEngineConsoleTest {
    private static final Pattern STATUS_LINE = Pattern.compile("^\\[(\\d\\d):(\\d\\d)\\] k6 Cloud run \\d+: (.*)$");

    @Rule
    public final EngineHarness h = new EngineHarness();

    private final RecordingListener lines = new RecordingListener();

    private List<String> statusLines() {
        return lines.lines().stream()
                .filter(l -> STATUS_LINE.matcher(l).matches())
                .toList();
    }

    @Test
    public void oneLinePerStatusChangeNotPerPoll() {
        long testId = h.test(Scenarios.passes());
        RunOutcome o = h.finish(h.start(testId, TestSettings.pollInterval(h.settings(), Duration.ofSeconds(1)), lines));
        assertThat(
                lines.lines().get(0),
                startsWith("k6 Cloud run " + o.runId() + " started for load test " + testId + ": " + h.sim.webAppUrl()
                        + "/runs/" + o.runId()));
        List<String> statuses = statusLines().stream()
                .map(l -> {
                    Matcher m = STATUS_LINE.matcher(l);
                    assertTrue(m.matches());
                    return m.group(3);
                })
                .toList();
        assertEquals(
                List.of(
                        "Created",
                        "Validated",
                        "Queued",
                        "Initializing",
                        "Running",
                        "Finished, processing metrics",
                        "Finished"),
                statuses);
        assertThat(h.reads(), greaterThan(30L));
        // created 1 s, validated 1 s, queued 2 s, initializing 5 s
        assertThat(statusLines().get(4), startsWith("[00:09] "));
        // the listener hears of the start once, and of every change but not of every poll
        assertThat(lines.started(), hasSize(1));
        assertEquals(o.runId(), lines.started().get(0).runId());
        assertEquals(WatchPhase.DONE, lines.lastState().phase());
        assertTrue(lines.changes().stream().anyMatch(s -> s.phase() == WatchPhase.PROCESSING));
        assertThat((long) lines.changes().size(), org.hamcrest.Matchers.lessThan(h.reads()));
    }

    @Test
    public void aLongRunSaysItIsStillRunningAtMostOnceAMinute() {
        long testId = h.test(Scenarios.passes().withTimings(Timings.standard().withRunning(Duration.ofMinutes(5))));
        h.finish(h.start(testId, h.settings(), lines));
        List<String> still = lines.linesContaining(": still Running");
        assertThat(still.size(), greaterThanOrEqualTo(4));
        assertThat(still.size(), lessThanOrEqualTo(5));
        int previous = -60;
        for (String l : still) {
            Matcher m = STATUS_LINE.matcher(l);
            assertTrue(l, m.matches());
            int seconds = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
            assertThat(seconds - previous, greaterThanOrEqualTo(60));
            previous = seconds;
        }
    }

    @Test
    public void theSummarySaysWhatHappenedAndWhereToLook() {
        long testId = h.test(Scenarios.thresholdsFail());
        RunOutcome o = h.finish(h.start(testId, h.settings(), lines));
        String text = lines.text();
        assertThat(text, containsString("k6 Cloud verdict: THRESHOLDS_FAILED (build result FAILURE)"));
        assertThat(text, containsString("run_status Finished, result Failed"));
        assertThat(text, containsString(o.vus() + " VUs"));
        assertThat(text, containsString("thresholds: 2, 1 failed"));
        assertThat(text, containsString("FAIL http_req_duration: p(95)<500: 812.7"));
        assertThat(text, containsString("pass http_req_failed: rate<0.01: 0.002"));
        assertThat(text, containsString("Look at the run in the k6 web app: " + o.webUrl()));
    }

    @Test
    public void statusIsAShortPhrase() {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = h.start(testId, h.settings(), lines);
        assertEquals("starting a run of test " + testId, handle.status());
        h.untilRunning(handle);
        assertThat(
                handle.status(),
                org.hamcrest.Matchers.matchesPattern(
                        "run " + handle.state().runId() + " running, next poll in [1-5]s"));
        h.finish(handle);
        assertEquals("run " + handle.state().runId() + " done: passed", handle.status());
    }

    @Test
    public void notWaitingReportsStartedAsSoonAsTheIdIsKnown() {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = h.start(testId, TestSettings.waitForEnd(h.settings(), false), lines);
        h.scheduler.runDue();
        assertTrue(handle.outcome().isDone());
        RunOutcome o = handle.outcome().join();
        assertEquals(Verdict.STARTED, o.verdict());
        assertEquals(BuildResult.SUCCESS, o.buildResult());
        assertThat(o.message(), containsString(o.webUrl()));
        assertEquals(0, h.count(e -> e.endpoint() == Endpoint.READ, 0));
        assertEquals(0, h.stops(0));
        assertThat(lines.started(), hasSize(1));
    }

    @Test
    public void anUnknownCodeOnAnEndedRunFailsNamingTheCode() {
        long testId = h.test(Scenarios.passes());
        InterceptingClient client = new InterceptingClient(h.client);
        client.rewriteRun =
                r -> r.runStatus() == RunStatus.FINISHED ? TestRuns.withStatus(r, 77, r.processingStatusCode()) : r;
        RunOutcome o = h.finish(h.engine.start(testId, h.settings(), client, lines));
        assertEquals(Verdict.RUN_FAILED, o.verdict());
        assertThat(o.message(), containsString("run_status 77"));
        assertThat(lines.linesContaining("reports run_status 77"), hasSize(1));
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    @Test
    public void aRunLinkFromTheApiIsPreferredUnlessItIsNotASafeHttpLink() {
        for (String link : List.of("https://stack.grafana.net/a/k6-app/runs/", "javascript:alert(")) {
            long testId = h.test(Scenarios.passes());
            InterceptingClient client = new InterceptingClient(h.client);
            client.rewriteRun = r -> TestRuns.withWebUrl(r, link + r.id() + (link.startsWith("java") ? ")" : ""));
            RecordingListener listener = new RecordingListener();
            RunOutcome o = h.finish(h.engine.start(testId, h.settings(), client, listener));
            String expected =
                    link.startsWith("https") ? link + o.runId() : h.settings().runUrl(o.runId());
            assertEquals(Verdict.PASSED, o.verdict());
            assertEquals(expected, o.webUrl());
            assertEquals(expected, listener.lastState().webUrl());
            assertThat(listener.lines().get(0), containsString(expected));
            assertThat(listener.linesContaining("javascript:"), empty());
        }
    }
}
