package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import java.time.Duration;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

/**
 * The engine with the v6 client: stopping (204 abort, 409 for a run that already ended), the
 * overall timeout, a lost start answer, and the Grafana Cloud run page from the start answer.
 */
public class RunEngineV6Test {
    @Rule
    public final EngineHarness h = new EngineHarness(ApiFlavour.V6);

    private final RecordingListener lines = new RecordingListener();

    private RunSettings settings() {
        return TestSettings.pollInterval(h.settings(), Duration.ofSeconds(1));
    }

    @Test
    public void theRunPageComesFromTheStartAnswer() {
        long testId = h.test(Scenarios.thresholdsFail());
        RunOutcome o = h.finish(h.start(testId, settings(), lines));
        assertEquals(Verdict.THRESHOLDS_FAILED, o.verdict());
        assertEquals(h.sim.webAppUrl() + "/runs/" + o.runId(), o.webUrl());
        assertFalse(lines.linesContaining(o.webUrl()).isEmpty());
        assertTrue(h.sim.journal().requests().stream().allMatch(e -> e.path().startsWith("/cloud/v6/")));
    }

    @Test
    public void cancelWhileRunningAbortsTheRun() {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = h.start(testId, settings(), lines);
        h.untilRunning(handle);
        handle.cancel("aborted by user");
        RunOutcome o = h.finish(handle);
        assertEquals(Verdict.CANCELLED, o.verdict());
        assertEquals(BuildResult.ABORTED, o.buildResult());
        assertThat(o.message(), containsString("Aborted (by user)"));
        List<JournalEntry> stops = h.sim.journal().stopsFor(o.runId());
        assertThat(stops, hasSize(1));
        assertEquals(204, stops.get(0).status());
        assertTrue(h.sim.journal().run(o.runId()).stoppedByUs());
        h.assertOneStart(testId);
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    @Test
    public void anAbortThatMeetsTheEndIsDone() {
        long testId = h.test(Scenarios.passes());
        h.sim.faults().inject(Endpoint.STOP, Fault.stopRacesFinish());
        RunWatch handle = h.start(testId, settings(), lines);
        h.untilRunning(handle);
        handle.cancel("aborted by user");
        RunOutcome o = h.finish(handle);
        assertEquals(Verdict.CANCELLED, o.verdict());
        List<JournalEntry> stops = h.sim.journal().stopsFor(o.runId());
        assertThat(stops, hasSize(1));
        assertEquals("409 Cannot abort a non-running test", 409, stops.get(0).status());
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    @Test
    public void theOverallTimeoutAbortsTheRun() {
        long testId = h.longTest();
        RunOutcome o = h.finish(h.start(testId, TestSettings.timeout(h.settings(), Duration.ofMinutes(5)), lines));
        assertEquals(Verdict.TIMED_OUT, o.verdict());
        assertEquals(1, h.stops(1));
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    /** The v6 client reports a start it cannot resend as unknown, like v2: the engine looks for the run. */
    @Test
    public void aStartWhoseAnswerIsLostIsNotRepeatedAndItsRunIsAdopted() {
        long testId = h.test(Scenarios.passes());
        h.sim.faults().inject(Endpoint.START, Fault.startThenDrop());
        RunOutcome o = h.finish(h.start(testId, settings(), lines));
        assertEquals(Verdict.PASSED, o.verdict());
        h.assertOneStart(testId);
        assertThat(h.sim.journal().runsOf(testId), hasSize(1));
        assertThat(lines.linesContaining("was lost"), hasSize(1));
        assertThat(lines.linesContaining("following run " + o.runId()), hasSize(1));
    }
}
