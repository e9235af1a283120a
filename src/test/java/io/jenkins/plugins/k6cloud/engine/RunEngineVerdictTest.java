package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ProcessingStatus;
import io.jenkins.plugins.k6cloud.api.RunStatus;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.Outcome;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.testing.TestRuns;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Every row of the verdict table, and the paths where the flavours differ most (the run page, the stop, the
 * timeout, a lost start), end to end against the simulator, once per API flavour: the
 * same scenarios must give the same verdicts whether the client speaks v2 or v6. Where the v6 API
 * genuinely reports less, the expectation says so ({@link #v6}): it has no thresholds endpoint,
 * folds timeouts, script errors, limits and archived runs into one "aborted" (read as aborted by
 * the system), has no numeric code for an unknown status, and gives no result while metrics are
 * being processed.
 */
@RunWith(Parameterized.class)
public class RunEngineVerdictTest {
    @Parameters(name = "{0}")
    public static List<ApiFlavour> flavours() {
        return List.of(ApiFlavour.V2, ApiFlavour.V6);
    }

    @Rule
    public final EngineHarness h;

    private final boolean v6;

    public RunEngineVerdictTest(ApiFlavour flavour) {
        this.h = new EngineHarness(flavour);
        this.v6 = flavour == ApiFlavour.V6;
    }

    private RunOutcome follow(Outcome outcome, RunSettings settings) {
        long testId = h.test(Scenarios.of(outcome));
        RunOutcome o = h.finish(h.start(testId, settings, new RecordingListener()));
        h.assertOneStart(testId);
        h.assertNothingLeftRunning(Duration.ZERO);
        assertEquals(0, h.stops(0));
        return o;
    }

    private RunOutcome follow(Outcome outcome) {
        return follow(outcome, h.settings());
    }

    @Test
    public void finishedAndPassed() {
        RunOutcome o = follow(Outcome.PASSES);
        assertEquals(Verdict.PASSED, o.verdict());
        assertEquals(BuildResult.SUCCESS, o.buildResult());
        assertEquals(RunStatus.FINISHED, o.runStatus());
        assertEquals(ProcessingStatus.FINISHED, o.processingStatus());
        assertThat(o.thresholds(), hasSize(v6 ? 0 : 2));
        assertTrue(o.thresholds().stream().allMatch(t -> t.passed()));
    }

    @Test
    public void finishedWithFailedThresholds() {
        RunOutcome o = follow(Outcome.THRESHOLDS_FAIL);
        assertEquals(Verdict.THRESHOLDS_FAILED, o.verdict());
        assertEquals(BuildResult.FAILURE, o.buildResult());
        assertEquals(!v6, o.thresholds().stream().anyMatch(t -> !t.passed()));
        o = follow(Outcome.ABORTED_BY_THRESHOLD);
        assertEquals(Verdict.THRESHOLDS_FAILED, o.verdict());
        assertEquals(RunStatus.ABORTED_BY_THRESHOLD, o.runStatus());
    }

    @Test
    public void failedThresholdsCanMakeTheBuildUnstable() {
        RunOutcome o =
                follow(Outcome.THRESHOLDS_FAIL, TestSettings.onThresholdsFailed(h.settings(), BuildResult.UNSTABLE));
        assertEquals(Verdict.THRESHOLDS_FAILED, o.verdict());
        assertEquals(BuildResult.UNSTABLE, o.buildResult());
    }

    @Test
    public void stoppedInTheWebApp() {
        RunOutcome o = follow(Outcome.STOPPED_IN_WEB_APP);
        assertEquals(Verdict.ABORTED_IN_K6, o.verdict());
        assertEquals(BuildResult.ABORTED, o.buildResult());
        assertThat(o.message(), containsString("k6 web app"));
    }

    @Test
    public void endedWithoutAResultQuotesTheError() {
        for (Outcome outcome : new Outcome[] {
            Outcome.TIMED_OUT, Outcome.ABORTED_BY_SYSTEM, Outcome.ABORTED_BY_SCRIPT_ERROR, Outcome.ABORTED_BY_LIMIT
        }) {
            RunOutcome o = follow(outcome);
            assertEquals(outcome.toString(), Verdict.RUN_FAILED, o.verdict());
            assertEquals(BuildResult.FAILURE, o.buildResult());
            int endStatus = v6 ? RunStatus.ABORTED_BY_SYSTEM.code() : outcome.endRunStatus();
            assertEquals(endStatus, (int) o.runStatusCode());
            if (outcome.errorDetail() != null) {
                assertThat(o.message(), containsString(outcome.errorDetail()));
                assertThat(o.message(), containsString("error " + outcome.errorCode()));
            }
            assertThat(o.message(), containsString(o.webUrl()));
        }
    }

    @Test
    public void processingErrorMakesThePassUntrusted() {
        RunOutcome o = follow(Outcome.PROCESSING_ERROR);
        if (v6) {
            // v6 says "completed" with result "error": the execution was not completed, a failed run (as k6 says)
            assertEquals(Verdict.RUN_FAILED, o.verdict());
            assertEquals(BuildResult.FAILURE, o.buildResult());
            return;
        }
        assertEquals(Verdict.UNTRUSTED, o.verdict());
        assertEquals(BuildResult.UNSTABLE, o.buildResult());
        assertThat(o.message(), containsString("could not process"));
    }

    @Test
    public void archivedRunFailsAndOddPayloadsStillPass() {
        RunOutcome o = follow(Outcome.ARCHIVED);
        assertEquals(Verdict.RUN_FAILED, o.verdict());
        assertThat(o.message(), containsString(v6 ? "archived" : "Archived"));
        assertEquals(Verdict.PASSED, follow(Outcome.ODD_PAYLOADS).verdict());
    }

    @Test
    public void waitsForProcessingBeforeReadingTheResult() {
        // result_status reads 0 (passed) until the 10-minute processing is over, then 1
        RunSettings settings = TestSettings.processingTimeout(h.settings(), Duration.ofMinutes(15));
        RunOutcome o = follow(Outcome.PROCESSING_LAGS, settings);
        assertEquals(Verdict.THRESHOLDS_FAILED, o.verdict());
        assertThat(o.followedFor().toMinutes(), org.hamcrest.Matchers.greaterThanOrEqualTo(10L));
    }

    @Test
    public void processingWaitIsBounded() {
        RecordingListener lines = new RecordingListener();
        long testId = h.test(Scenarios.of(Outcome.PROCESSING_LAGS));
        RunSettings settings = TestSettings.processingTimeout(h.settings(), Duration.ofMinutes(2));
        RunOutcome o = h.finish(h.start(testId, settings, lines));
        if (v6) {
            assertEquals("no result yet in v6", Verdict.RUN_FAILED, o.verdict());
            assertThat(o.message(), containsString("without a result"));
        } else {
            assertEquals(Verdict.UNTRUSTED, o.verdict());
            assertThat(o.message(), containsString("had not finished processing"));
        }
        assertThat(o.followedFor().toMinutes(), org.hamcrest.Matchers.lessThan(4L));
        assertFalse(
                lines.linesContaining("had not finished processing the metrics").isEmpty());
    }

    @Test
    public void unknownStatusIsWatchedNotJudged() {
        RecordingListener lines = new RecordingListener();
        long testId = h.test(Scenarios.of(Outcome.UNKNOWN_STATUS));
        RunOutcome o = h.finish(h.start(testId, h.settings(), lines));
        assertEquals(Verdict.PASSED, o.verdict());
        assertThat(lines.linesContaining("does not know"), hasSize(1));
        // v6 names its status in words: the console quotes them (the simulator's unknown status is "warming_up")
        assertThat(lines.linesContaining(v6 ? "unknown status 'warming_up'" : "unknown run_status 42"), hasSize(1));
        assertThat(lines.linesContaining("reports " + (v6 ? "status 'warming_up'" : "run_status 42")), hasSize(1));
    }

    // ---- where the flavours differ most: the run page, the stop (v6: 204 abort, 409 for a run that ended), a lost
    // start

    @Test
    public void theRunPageComesFromTheStartAnswer() {
        RecordingListener lines = new RecordingListener();
        long testId = h.test(Scenarios.thresholdsFail());
        RunOutcome o = h.finish(h.start(testId, fastPolls(), lines));
        assertEquals(h.sim.webAppUrl() + "/runs/" + o.runId(), o.webUrl());
        assertFalse(lines.linesContaining(o.webUrl()).isEmpty());
        String api = v6 ? "/cloud/v6/" : "/loadtests/v2/";
        assertTrue(h.sim.journal().requests().stream().allMatch(e -> e.path().startsWith(api)));
    }

    @Test
    public void cancelWhileRunningStopsTheRun() {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = h.untilRunning(h.start(testId, fastPolls(), new RecordingListener()));
        handle.cancel("aborted by user");
        RunOutcome o = h.finish(handle);
        assertEquals(Verdict.CANCELLED, o.verdict());
        assertEquals(BuildResult.ABORTED, o.buildResult());
        assertThat(o.message(), containsString("Aborted (by user)"));
        List<JournalEntry> stops = h.sim.journal().stopsFor(o.runId());
        assertThat(stops, hasSize(1));
        assertEquals(v6 ? 204 : 200, stops.get(0).status());
        assertTrue(h.sim.journal().run(o.runId()).stoppedByUs());
        h.assertOneStart(testId);
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    @Test
    public void aStopThatMeetsTheEndIsDone() {
        long testId = h.test(Scenarios.passes());
        h.sim.faults().inject(Endpoint.STOP, Fault.stopRacesFinish());
        RunWatch handle = h.untilRunning(h.start(testId, fastPolls(), new RecordingListener()));
        handle.cancel("aborted by user");
        RunOutcome o = h.finish(handle);
        assertEquals(Verdict.CANCELLED, o.verdict());
        List<JournalEntry> stops = h.sim.journal().stopsFor(o.runId());
        assertThat(stops, hasSize(1));
        if (v6) {
            assertEquals(
                    "409 Cannot abort a non-running test", 409, stops.get(0).status());
        }
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    @Test
    public void theOverallTimeoutStopsTheRun() {
        long testId = h.longTest();
        RunSettings settings = TestSettings.timeout(h.settings(), Duration.ofMinutes(5));
        RunOutcome o = h.finish(h.start(testId, settings, new RecordingListener()));
        assertEquals(Verdict.TIMED_OUT, o.verdict());
        assertEquals(1, h.stops(1));
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    /** A client reports a start it cannot send again as unknown: the engine looks for the run. */
    @Test
    public void aStartWhoseAnswerIsLostIsNotRepeatedAndItsRunIsAdopted() {
        RecordingListener lines = new RecordingListener();
        long testId = h.test(Scenarios.passes());
        h.sim.faults().inject(Endpoint.START, Fault.startThenDrop());
        RunOutcome o = h.finish(h.start(testId, fastPolls(), lines));
        assertEquals(Verdict.PASSED, o.verdict());
        h.assertOneStart(testId);
        assertThat(h.sim.journal().runsOf(testId), hasSize(1));
        assertThat(lines.linesContaining("was lost"), hasSize(1));
        assertThat(lines.linesContaining("following run " + o.runId()), hasSize(1));
    }

    private RunSettings fastPolls() {
        return TestSettings.pollInterval(h.settings(), Duration.ofSeconds(1));
    }

    // ---- metrics processing is waited for only where the verdict or the thresholds depend on it (run_status 3
    // and 8); the simulator's aborted runs end processed, so here k6 Cloud keeps saying "Processing" for every run

    private static final Duration PROCESSING_TIMEOUT = Duration.ofMinutes(10);

    private RunOutcome followWithProcessingStuck(Outcome outcome, RecordingListener listener) {
        InterceptingClient client = new InterceptingClient(h.client);
        client.rewriteRun = r -> TestRuns.withStatus(r, r.runStatusCode(), ProcessingStatus.PROCESSING.code());
        RunSettings settings = TestSettings.processingTimeout(h.settings(), PROCESSING_TIMEOUT);
        return h.finish(h.engine.start(h.test(Scenarios.of(outcome)), settings, client, listener));
    }

    @Test
    public void runsThatEndedWithoutAResultAreJudgedAtOnce() {
        Map<Outcome, Verdict> expected = Map.of(
                Outcome.TIMED_OUT, Verdict.RUN_FAILED,
                Outcome.STOPPED_IN_WEB_APP, Verdict.ABORTED_IN_K6,
                Outcome.ABORTED_BY_SYSTEM, Verdict.RUN_FAILED,
                Outcome.ABORTED_BY_SCRIPT_ERROR, Verdict.RUN_FAILED,
                Outcome.ABORTED_BY_LIMIT, Verdict.RUN_FAILED,
                Outcome.ARCHIVED, Verdict.RUN_FAILED);
        expected.forEach((outcome, verdict) -> {
            RecordingListener listener = new RecordingListener();
            RunOutcome o = followWithProcessingStuck(outcome, listener);
            assertEquals(outcome.name(), verdict, o.verdict());
            assertEquals(ProcessingStatus.PROCESSING, o.processingStatus());
            assertThat(outcome + " was judged without waiting", o.followedFor(), lessThan(Duration.ofMinutes(2)));
            assertThat(listener.linesContaining("had not finished processing"), empty());
        });
    }

    @Test
    public void aRunAbortedByAThresholdStillWaitsForItsThresholds() {
        RecordingListener listener = new RecordingListener();
        RunOutcome o = followWithProcessingStuck(Outcome.ABORTED_BY_THRESHOLD, listener);
        assertEquals(Verdict.THRESHOLDS_FAILED, o.verdict());
        assertThat(o.followedFor(), greaterThanOrEqualTo(PROCESSING_TIMEOUT));
        assertThat(listener.linesContaining("had not finished processing"), hasSize(1));
    }
}
