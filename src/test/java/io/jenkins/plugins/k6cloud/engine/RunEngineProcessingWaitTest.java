package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertEquals;

import io.jenkins.plugins.k6cloud.api.ProcessingStatus;
import io.jenkins.plugins.k6cloud.simulator.Outcome;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.testing.TestRuns;
import java.time.Duration;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

/**
 * Metrics processing is waited for only where the verdict or the thresholds depend on it (run_status
 * 3 and 8). The simulator's aborted runs end processed, so here k6 Cloud is made to keep saying
 * "Processing" for every run.
 */
public class RunEngineProcessingWaitTest {
    private static final Duration PROCESSING_TIMEOUT = Duration.ofMinutes(10);

    @Rule
    public final EngineHarness h = new EngineHarness();

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
