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

    /** Follows a run of {@code outcome} and checks its verdict, build result and a part of its message. */
    private RunOutcome row(Outcome outcome, RunSettings settings, Verdict verdict, BuildResult result, String says) {
        RunOutcome o = follow(outcome, settings);
        assertEquals(outcome.toString(), verdict, o.verdict());
        assertEquals(outcome.toString(), result, o.buildResult());
        assertThat(o.message(), containsString(says));
        return o;
    }

    private RunOutcome row(Outcome outcome, Verdict verdict, BuildResult result, String says) {
        return row(outcome, h.settings(), verdict, result, says);
    }

    @Test
    public void everyRowOfTheVerdictTable() {
        RunOutcome o = row(Outcome.PASSES, Verdict.PASSED, BuildResult.SUCCESS, "finished and passed");
        assertEquals(RunStatus.FINISHED, o.runStatus());
        assertEquals(ProcessingStatus.FINISHED, o.processingStatus());
        assertThat(o.thresholds(), hasSize(v6 ? 0 : 2));
        assertTrue(o.thresholds().stream().allMatch(t -> t.passed()));
        o = row(Outcome.THRESHOLDS_FAIL, Verdict.THRESHOLDS_FAILED, BuildResult.FAILURE, "thresholds failed");
        assertEquals(!v6, o.thresholds().stream().anyMatch(t -> !t.passed()));
        RunSettings unstable = TestSettings.onThresholdsFailed(h.settings(), BuildResult.UNSTABLE);
        row(Outcome.THRESHOLDS_FAIL, unstable, Verdict.THRESHOLDS_FAILED, BuildResult.UNSTABLE, "thresholds failed");
        o = row(Outcome.ABORTED_BY_THRESHOLD, Verdict.THRESHOLDS_FAILED, BuildResult.FAILURE, "by a threshold");
        assertEquals(RunStatus.ABORTED_BY_THRESHOLD, o.runStatus());
        row(Outcome.STOPPED_IN_WEB_APP, Verdict.ABORTED_IN_K6, BuildResult.ABORTED, "k6 web app");
        for (Outcome outcome : new Outcome[] {
            Outcome.TIMED_OUT, Outcome.ABORTED_BY_SYSTEM, Outcome.ABORTED_BY_SCRIPT_ERROR, Outcome.ABORTED_BY_LIMIT
        }) {
            o = row(outcome, Verdict.RUN_FAILED, BuildResult.FAILURE, "See ");
            assertEquals(v6 ? RunStatus.ABORTED_BY_SYSTEM.code() : outcome.endRunStatus(), (int) o.runStatusCode());
            assertThat(o.message(), containsString(o.webUrl()));
            if (outcome.errorDetail() != null) {
                assertThat(o.message(), containsString(outcome.errorDetail()));
                assertThat(o.message(), containsString("error " + outcome.errorCode()));
            }
        }
        // v6 says "completed" with result "error": the execution was not completed, a failed run (as k6 says)
        row(
                Outcome.PROCESSING_ERROR,
                v6 ? Verdict.RUN_FAILED : Verdict.UNTRUSTED,
                v6 ? BuildResult.FAILURE : BuildResult.UNSTABLE,
                v6 ? "See " : "could not process");
        row(Outcome.ARCHIVED, Verdict.RUN_FAILED, BuildResult.FAILURE, v6 ? "archived" : "Archived");
        row(Outcome.ODD_PAYLOADS, Verdict.PASSED, BuildResult.SUCCESS, "passed");
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
    public void cancelWhileRunningStopsTheRunAtOnce() {
        long testId = h.test(Scenarios.passes());
        RecordingListener lines = new RecordingListener();
        RunWatch handle = h.untilRunning(h.start(testId, fastPolls(), lines));
        handle.cancel("aborted by user");
        h.scheduler.runDue();
        assertEquals("stopped without waiting for the next poll", 1, h.stops(1));
        assertTrue(lines.lastState().cancelRequested());
        assertTrue(handle.state().stopSent());
        RunOutcome o = h.finish(handle);
        assertEquals(Verdict.CANCELLED, o.verdict());
        assertEquals(BuildResult.ABORTED, o.buildResult());
        assertThat(o.message(), containsString("ended as Aborted (by user)"));
        assertThat(lines.linesContaining("Asked k6 Cloud to stop run " + o.runId()), hasSize(1));
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
    public void theOverallTimeoutStopsTheRunAndWaitsForItsEnd() {
        long testId = h.longTest();
        h.sim.setStopDelay(Duration.ofSeconds(20));
        RunSettings settings = TestSettings.timeout(h.settings(), Duration.ofMinutes(5));
        RunOutcome o = h.finish(h.start(testId, settings, new RecordingListener()));
        assertEquals(Verdict.TIMED_OUT, o.verdict());
        assertEquals(BuildResult.FAILURE, o.buildResult());
        assertThat(o.message(), containsString("5m timeout"));
        assertThat(o.message(), containsString("After the stop it ended as Aborted (by user)."));
        assertEquals("the run's final status", RunStatus.ABORTED_BY_USER, o.runStatus());
        // stopped at 5m; k6 Cloud ends it 20 s later, seen by the poll that follows
        assertThat(
                o.followedFor().toSeconds(),
                greaterThanOrEqualTo(Duration.ofSeconds(320).toSeconds()));
        assertThat(o.followedFor().toSeconds(), lessThan(Duration.ofSeconds(330).toSeconds()));
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
