package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.engine.VerdictRules.Judgement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.Test;

/** The engine's rules without a run: the verdict table, the console's wording, the error budget and back-off, safe run links. */
public class EngineRulesTest {

    // ---- the verdict table

    private static final String URL = "https://app.k6.io/runs/7";

    private static TestRun run(Integer runStatus, Integer result, Integer processing) {
        return TestRun.ofStatus(7, 1L, runStatus, processing, result);
    }

    private static void row(
            Integer runStatus,
            Integer result,
            Integer processing,
            Verdict verdict,
            BuildResult onThresholds,
            BuildResult expectedBuild) {
        Judgement j = VerdictRules.judge(run(runStatus, result, processing), false, URL);
        assertEquals(
                "run_status " + runStatus + " result " + result + " processing " + processing, verdict, j.verdict());
        assertEquals(expectedBuild, j.verdict().buildResult(onThresholds));
    }

    @Test
    public void aRegressionIsJudgedAfterThePassAndTakesTheResultChosenForThresholds() {
        Judgement j =
                VerdictRules.regressed(7, "build #3", java.util.List.of("p95 312 ms -> 401 ms (+28.4 %, limit 10 %)"));

        assertEquals(Verdict.REGRESSED, j.verdict());
        assertEquals(
                "k6 Cloud run 7 passed its thresholds, but got worse than build #3 beyond maxRegression:"
                        + " p95 312 ms -> 401 ms (+28.4 %, limit 10 %).",
                j.message());
        assertEquals(BuildResult.FAILURE, Verdict.REGRESSED.buildResult(BuildResult.FAILURE));
        assertEquals(BuildResult.UNSTABLE, Verdict.REGRESSED.buildResult(BuildResult.UNSTABLE));
    }

    @Test
    public void theTable() {
        BuildResult f = BuildResult.FAILURE;
        BuildResult u = BuildResult.UNSTABLE;
        row(3, 0, 2, Verdict.PASSED, f, BuildResult.SUCCESS);
        row(3, 1, 2, Verdict.THRESHOLDS_FAILED, f, BuildResult.FAILURE);
        row(3, 1, 2, Verdict.THRESHOLDS_FAILED, u, BuildResult.UNSTABLE);
        row(3, 1, 3, Verdict.THRESHOLDS_FAILED, f, BuildResult.FAILURE);
        row(8, 0, 2, Verdict.THRESHOLDS_FAILED, f, BuildResult.FAILURE);
        row(8, 1, 2, Verdict.THRESHOLDS_FAILED, u, BuildResult.UNSTABLE);
        row(8, null, 3, Verdict.THRESHOLDS_FAILED, f, BuildResult.FAILURE);
        row(5, 0, 2, Verdict.ABORTED_IN_K6, f, BuildResult.ABORTED);
        row(4, 0, 2, Verdict.RUN_FAILED, f, BuildResult.FAILURE);
        row(6, 0, 2, Verdict.RUN_FAILED, f, BuildResult.FAILURE);
        row(7, 0, 2, Verdict.RUN_FAILED, f, BuildResult.FAILURE);
        row(9, 0, 2, Verdict.RUN_FAILED, u, BuildResult.FAILURE);
        row(3, 0, 3, Verdict.UNTRUSTED, f, BuildResult.UNSTABLE);
        row(3, 0, 1, Verdict.UNTRUSTED, f, BuildResult.UNSTABLE);
        row(10, 0, 2, Verdict.RUN_FAILED, f, BuildResult.FAILURE);
        row(42, 0, 2, Verdict.RUN_FAILED, f, BuildResult.FAILURE);
        row(3, null, 2, Verdict.RUN_FAILED, f, BuildResult.FAILURE);
    }

    @Test
    public void resultStatusAloneIsNeverASuccess() {
        for (int status : new int[] {4, 5, 6, 7, 9, 10, 11}) {
            assertThat(VerdictRules.judge(run(status, 0, 2), false, URL).verdict(), not(Verdict.PASSED));
        }
    }

    @Test
    public void abortedByUserIsOursOnlyWhenWeSentTheStop() {
        assertEquals(
                Verdict.CANCELLED, VerdictRules.judge(run(5, 0, 2), true, URL).verdict());
        assertThat(VerdictRules.judge(run(5, 0, 2), false, URL).message(), containsString("k6 web app"));
    }

    @Test
    public void messagesSayWhy() {
        TestRun scriptError = new TestRun(
                7, 1L, 7, 2, 0, null, null, null, null, null, 1004, "ReferenceError: x is not defined", null, null);
        Judgement j = VerdictRules.judge(scriptError, false, URL);
        assertThat(j.message(), containsString("Aborted (by script error)"));
        assertThat(j.message(), containsString("error 1004: ReferenceError: x is not defined"));
        assertThat(j.message(), containsString(URL));
        assertThat(VerdictRules.judge(run(10, 0, 2), false, URL).message(), containsString("Archived"));
        assertThat(VerdictRules.judge(run(42, 0, 2), false, URL).message(), containsString("run_status 42"));
        assertThat(VerdictRules.judge(run(3, 0, 3), false, URL).message(), containsString("could not process"));
    }

    @Test
    public void engineMadeRows() {
        K6CloudException down = new K6CloudException.TransportException("connection refused", "GET /x", null);
        K6CloudException auth = new K6CloudException.AuthenticationException("token rejected", "GET /x", 401);
        K6CloudException forbidden = new K6CloudException.AuthenticationException("no access", "POST /x", 403);
        K6CloudException noTest = new K6CloudException.NotFoundException("no such load test", "POST /x");
        K6CloudException moved = K6CloudException.ProtocolException.notK6Api("redirect", "POST /x", 302);
        // k6 Cloud's own refusal of another kind (a subscription limit, say) stays a failed run
        K6CloudException limit = new K6CloudException.ProtocolException("limit reached", "POST /x", 400, null);
        Map<Judgement, Verdict> rows = new LinkedHashMap<>();
        rows.put(VerdictRules.timedOut(7, Duration.ofMinutes(5), "Running", URL), Verdict.TIMED_OUT);
        rows.put(VerdictRules.startTimedOut(7, Duration.ofMinutes(1), "Queued", URL), Verdict.TIMED_OUT);
        rows.put(VerdictRules.unreachable(7, "3 calls failed", down, URL), Verdict.UNREACHABLE);
        rows.put(VerdictRules.apiError(7, auth, URL), Verdict.UNREACHABLE);
        // a start refused before any run existed: the settings are wrong (token, stack, test id, API URL)
        rows.put(VerdictRules.startFailed(1, auth), Verdict.CONFIGURATION_ERROR);
        rows.put(VerdictRules.startFailed(1, forbidden), Verdict.CONFIGURATION_ERROR);
        rows.put(VerdictRules.startFailed(1, noTest), Verdict.CONFIGURATION_ERROR);
        rows.put(VerdictRules.startFailed(1, moved), Verdict.CONFIGURATION_ERROR);
        rows.put(VerdictRules.startFailed(1, limit), Verdict.RUN_FAILED);
        // after a run exists, the same answers keep today's verdict
        rows.put(VerdictRules.apiError(7, noTest, URL), Verdict.UNREACHABLE);
        rows.put(VerdictRules.startFailed(1, down), Verdict.UNREACHABLE);
        rows.forEach((j, v) -> assertEquals(j.message(), v, j.verdict()));
        assertThat(
                VerdictRules.timedOut(7, Duration.ofMinutes(5), "Running", URL).message(),
                containsString("5m timeout"));
        assertEquals(BuildResult.FAILURE, Verdict.CONFIGURATION_ERROR.buildResult(BuildResult.UNSTABLE));
        assertEquals(
                BuildResult.ABORTED, VerdictRules.cancelled("stopped").verdict().buildResult(BuildResult.FAILURE));
        assertEquals(BuildResult.SUCCESS, VerdictRules.started(7, URL).verdict().buildResult(BuildResult.FAILURE));
    }

    // ---- console wording

    /** A v6 run in a status this plugin does not know. */
    private static final TestRun PAUSED =
            new TestRun(1, null, null, null, null, null, null, null, null, null, null, null, null, "paused");

    @Test
    public void elapsedTime() {
        assertEquals("[00:00]", ConsoleText.elapsed(0));
        assertEquals("[00:42]", ConsoleText.elapsed(42_999));
        assertEquals("[59:59]", ConsoleText.elapsed(3_599_000));
        assertEquals("[1:00:05]", ConsoleText.elapsed(3_605_000));
    }

    @Test
    public void waitsInWords() {
        assertEquals("5s", DurationFormat.untilNext(4_001));
        assertEquals("1m", DurationFormat.untilNext(60_000));
        assertEquals("2m30s", DurationFormat.untilNext(150_000));
        assertEquals("0s", DurationFormat.untilNext(-5));
    }

    @Test
    public void statusWording() {
        assertEquals("Running", ConsoleText.statusText(TestRun.ofStatus(1, null, 2, null, null)));
        assertEquals("Finished, processing metrics", ConsoleText.statusText(TestRun.ofStatus(1, null, 3, 1, null)));
        assertEquals("Aborted (by threshold)", ConsoleText.statusText(TestRun.ofStatus(1, null, 8, 2, null)));
        assertEquals("unknown run_status 42", ConsoleText.statusText(TestRun.ofStatus(1, null, 42, null, null)));
        assertEquals("unknown status 'paused'", ConsoleText.statusText(PAUSED));
        assertEquals(
                "k6 Cloud run 1 reports status 'paused', which this plugin does not know; following it until it ends",
                ConsoleText.unknownStatus(PAUSED));
    }

    @Test
    public void numbers() {
        assertEquals("500", ConsoleText.number(500.0));
        assertEquals("812.7", ConsoleText.number(812.7));
        assertEquals("0.002", ConsoleText.number(0.002));
        assertEquals("1234.57", ConsoleText.number(1234.5678));
    }

    // ---- the error budget and back-off

    private static final K6CloudException DOWN = new K6CloudException.ServerException("502", "GET /x", 502);

    @Test
    public void backsOffExponentiallyFromThePollIntervalUpToAMinute() {
        RunWatch.ErrorStreak s =
                new RunWatch.ErrorStreak(TestSettings.pollInterval(TestSettings.defaults(), Duration.ofSeconds(5)));
        long[] expected = {5_000, 10_000, 20_000, 40_000, 60_000, 60_000};
        for (long e : expected) {
            s.record(0);
            assertEquals(e, s.backoffMillis(DOWN));
        }
    }

    @Test
    public void honoursRetryAfter() {
        RunWatch.ErrorStreak s = new RunWatch.ErrorStreak(TestSettings.defaults());
        s.record(0);
        assertEquals(90_000, s.backoffMillis(new K6CloudException.RateLimitedException("429", "GET /x", 90_000)));
        assertEquals(5_000, s.backoffMillis(new K6CloudException.RateLimitedException("429", "GET /x", -1)));
    }

    @Test
    public void theBudgetIsACountAndATime() {
        RunWatch.ErrorStreak byCount =
                new RunWatch.ErrorStreak(TestSettings.errorBudget(TestSettings.defaults(), Duration.ofHours(1), 3));
        assertFalse(byCount.record(0));
        assertFalse(byCount.record(1));
        assertTrue(byCount.record(2));
        RunWatch.ErrorStreak byTime = new RunWatch.ErrorStreak(
                TestSettings.errorBudget(TestSettings.defaults(), Duration.ofSeconds(30), 100));
        assertFalse(byTime.record(1_000));
        assertFalse(byTime.record(30_999));
        assertTrue(byTime.record(31_000));
        assertEquals(3, byTime.reset());
        assertFalse("a success starts a new streak", byTime.record(100_000));
    }

    // ---- run links from k6 Cloud answers end in href attributes: only absolute http(s) links are used

    @Test
    public void onlyAbsoluteHttpLinksWithoutUserInfoAreSafe() {
        assertEquals("https://app.k6.io/runs/42", RunSettings.safeLink("https://app.k6.io/runs/42"));
        assertEquals("http://127.0.0.1:8080/runs/42", RunSettings.safeLink(" http://127.0.0.1:8080/runs/42 "));
        for (String unsafe : Arrays.asList(
                "javascript:alert(1)",
                "JavaScript:alert(document.cookie)",
                "data:text/html,<script>alert(1)</script>",
                "//evil.example/runs/42",
                "/runs/42",
                "https://user:secret@evil.example/runs/42",
                "https://app.k6.io/runs/<42>",
                "",
                null)) {
            assertNull(unsafe, RunSettings.safeLink(unsafe));
        }
    }
}
