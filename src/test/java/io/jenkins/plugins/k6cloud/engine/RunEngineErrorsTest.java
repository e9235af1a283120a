package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.RunStatus;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.Timings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** Transient and lasting API errors, a start refused or rate-limited, the two timeouts, and failures that are not k6 Cloud's (a listener that throws, an Error in a tick). */
public class RunEngineErrorsTest {
    @Rule
    public final EngineHarness h = new EngineHarness();

    private final RecordingListener listener = new RecordingListener();

    @Test
    public void transientErrorsWithinTheBudgetAreRiddenOut() {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = h.untilRunning(h.start(testId, h.settings(), listener));
        h.sim.faults().inject(Endpoint.READ, 3, Fault.badGateway());
        RunOutcome o = h.finish(handle);
        assertEquals(Verdict.PASSED, o.verdict());
        assertThat(listener.linesContaining("did not answer as expected"), hasSize(1));
        assertThat(listener.linesContaining("answers again after 3 failed calls"), hasSize(1));
        assertEquals(0, h.stops(0));
    }

    @Test
    public void tooManyFailuresInARowGiveUpAndStopTheRun() {
        long testId = h.longTest();
        RunWatch handle = h.untilRunning(
                h.start(testId, TestSettings.errorBudget(h.settings(), Duration.ofHours(1), 3), listener));
        h.sim.faults().inject(Endpoint.READ, 10, Fault.serverError(500));
        RunOutcome o = h.finish(handle);
        assertEquals(Verdict.UNREACHABLE, o.verdict());
        assertEquals(BuildResult.FAILURE, o.buildResult());
        assertThat(o.message(), containsString("3 calls to k6 Cloud failed in a row"));
        assertEquals(1, h.stops(1));
        assertEquals(3, h.count(e -> e.endpoint() == Endpoint.READ && e.fault() != null, 3));
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    @Test
    public void theErrorBudgetIsAlsoATimeLimit() {
        long testId = h.longTest();
        RunWatch handle = h.untilRunning(
                h.start(testId, TestSettings.errorBudget(h.settings(), Duration.ofSeconds(30), 100), listener));
        long firstFailureAt = h.clock.millis();
        h.sim.faults().inject(Endpoint.READ, 100, Fault.serverError(503));
        RunOutcome o = h.finish(handle);
        assertEquals(Verdict.UNREACHABLE, o.verdict());
        assertThat(
                h.clock.millis() - firstFailureAt,
                lessThan(Duration.ofMinutes(2).toMillis()));
        assertThat(h.sim.faults().pending(Endpoint.READ), greaterThanOrEqualTo(90));
        assertEquals(1, h.stops(1));
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    @Test
    public void retryAfterIsHonoured() {
        long testId = h.test(Scenarios.passes());
        RunWatch handle = h.untilRunning(h.start(testId, h.settings(), listener));
        h.sim.faults().inject(Endpoint.READ, Fault.rateLimited(Duration.ofSeconds(40)));
        RunOutcome o = h.finish(handle);
        assertEquals(Verdict.PASSED, o.verdict());
        h.count(e -> e.endpoint() == Endpoint.READ && e.fault() != null, 1);
        List<JournalEntry> reads = h.sim.journal().requests(Endpoint.READ);
        for (int i = 0; i < reads.size() - 1; i++) {
            if (reads.get(i).fault() != null) {
                Duration gap =
                        Duration.between(reads.get(i).time(), reads.get(i + 1).time());
                assertThat(gap.toMillis(), greaterThanOrEqualTo(40_000L));
                return;
            }
        }
        throw new AssertionError("no rate-limited read in " + reads);
    }

    @Test
    public void aLastingErrorStopsTheRunAndSaysWhy() {
        long testId = h.longTest();
        RunWatch handle = h.untilRunning(h.start(testId, h.settings(), listener));
        h.sim.faults().inject(Endpoint.READ, Fault.unauthorized());
        RunOutcome o = h.finish(handle);
        assertEquals(Verdict.UNREACHABLE, o.verdict());
        assertThat(o.message(), containsString("Could not follow k6 Cloud run " + o.runId()));
        assertEquals(1, h.stops(1));
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    @Test
    public void aStartThatFailsTransientlyCreatesNothing() {
        long testId = h.test(Scenarios.passes());
        h.sim.faults().inject(Endpoint.START, Fault.badGateway());
        RunOutcome o = h.finish(h.start(testId, h.settings(), listener));
        assertEquals(Verdict.UNREACHABLE, o.verdict());
        assertEquals(null, o.runId());
        assertThat(o.message(), containsString("no run of the test created since"));
        assertTrue(h.sim.journal().runsOf(testId).isEmpty());
        // the client never looks; the engine looks every poll interval while k6 Cloud may still create it
        long looks = h.sim.journal().count(Endpoint.LIST);
        assertTrue(
                "the engine looked again, bounded: " + looks,
                looks > 2
                        && looks
                                <= 2
                                        + RunAdoption.START_CALL_MILLIS
                                                / h.settings().pollInterval().toMillis());
        assertEquals("never sent again", 1, h.sim.journal().count(Endpoint.START));
    }

    @Test
    public void aStartThatIsRefusedIsAConfigurationError() {
        long testId = h.test(Scenarios.passes());
        h.sim.faults().inject(Endpoint.START, Fault.unauthorized());
        RunOutcome o = h.finish(h.start(testId, h.settings(), listener));
        assertEquals(Verdict.CONFIGURATION_ERROR, o.verdict());
        assertEquals(BuildResult.FAILURE, o.buildResult());
        assertThat(o.message(), containsString("did not accept the API token"));
        assertTrue(h.sim.journal().runsOf(testId).isEmpty());
        assertEquals(0, h.stops(0));
    }

    @Test
    public void aStartOfALoadTestThatDoesNotExistIsAConfigurationError() {
        RunOutcome o = h.finish(h.start(987_654, h.settings(), listener));
        assertEquals(Verdict.CONFIGURATION_ERROR, o.verdict());
        assertThat(o.message(), containsString("404"));
        assertTrue(h.sim.journal().runs().isEmpty());
    }

    @Test
    public void theWaitAfterTheTimeoutsStopIsBoundedByTheCancelWait() {
        long testId = h.longTest();
        h.sim.setStopDelay(Duration.ofMinutes(10));
        RunSettings settings = TestSettings.cancelWait(
                TestSettings.timeout(h.settings(), Duration.ofMinutes(5)), Duration.ofMinutes(1));
        RunOutcome o = h.finish(h.start(testId, settings, listener));
        assertEquals(Verdict.TIMED_OUT, o.verdict());
        assertThat(o.message(), containsString("The stop was sent, but the run was still Running 1m later"));
        assertEquals(RunStatus.RUNNING, o.runStatus());
        assertEquals(Duration.ofMinutes(6).toSeconds(), o.followedFor().toSeconds());
        assertEquals(1, h.stops(1));
        h.assertNothingLeftRunning(Duration.ofMinutes(10));
    }

    @Test
    public void theStartTimeoutStopsARunThatDoesNotStart() {
        Timings slowQueue = new Timings(
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofMinutes(20),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5));
        long testId = h.test(Scenarios.passes().withTimings(slowQueue));
        RunOutcome o =
                h.finish(h.start(testId, TestSettings.startTimeout(h.settings(), Duration.ofMinutes(2)), listener));
        assertEquals(Verdict.TIMED_OUT, o.verdict());
        assertThat(o.message(), containsString("still Queued and had not started running 2m"));
        assertThat(o.message(), containsString("After the stop it ended as Aborted (by user)."));
        // stopped at 2m, seen ended by the next poll
        assertEquals(
                Duration.ofMinutes(2).plusSeconds(5).toSeconds(),
                o.followedFor().toSeconds());
        assertEquals(1, h.stops(1));
        h.assertNothingLeftRunning(Duration.ZERO);
    }

    // ---- a start refused with 429 created nothing: sent again after Retry-After, within the start timeout

    /** Start requests (a refused one names no test in the journal; each test here has one load test). */
    private long startRequests(int expected) {
        return h.count(e -> e.endpoint() == Endpoint.START, expected);
    }

    @Test
    public void aRateLimitedStartIsSentAgainAfterTheDelay() {
        long testId = h.test(Scenarios.passes());
        h.sim.faults().inject(Endpoint.START, 1, Fault.rateLimited(Duration.ofMinutes(3)));

        RunOutcome o = h.finish(h.start(testId, h.settings(), listener));

        assertEquals(Verdict.PASSED, o.verdict());
        assertEquals("one refused, one accepted", 2, startRequests(2));
        assertThat("one run", h.sim.journal().runsOf(testId), hasSize(1));
        assertThat(listener.linesContaining("asked to wait 3m"), hasSize(1));
        assertTrue(o.followedFor().compareTo(Duration.ofMinutes(3)) >= 0);
    }

    @Test
    public void aRetryAfterBeyondTheStartTimeoutGivesUp() {
        long testId = h.test(Scenarios.passes());
        h.sim.faults().inject(Endpoint.START, 1, Fault.rateLimited(Duration.ofHours(1)));

        RunOutcome o =
                h.finish(h.start(testId, TestSettings.startTimeout(h.settings(), Duration.ofMinutes(10)), listener));

        assertEquals(Verdict.UNREACHABLE, o.verdict());
        assertNull(o.runId());
        assertEquals(1, startRequests(1));
        assertTrue(h.sim.journal().runsOf(testId).isEmpty());
    }

    // ---- failures that are not k6 Cloud's

    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Logger reporterLog = Logger.getLogger(RunWatch.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(r);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @Before
    public void captureWarnings() {
        reporterLog.addHandler(capture);
    }

    @After
    public void releaseWarnings() {
        reporterLog.removeHandler(capture);
    }

    @Test
    public void aListenerThatThrowsNeitherStopsTheRunNorKeepsTheOutcomeFromCompleting() {
        RunEvents broken = new RunEvents() {
            @Override
            public void onLine(String line) {
                throw new IllegalStateException("console closed");
            }

            @Override
            public void onStarted(WatchState state) {
                throw new IllegalStateException("cannot save");
            }

            @Override
            public void onStateChanged(WatchState state) {
                throw new IllegalStateException("cannot save");
            }
        };
        long testId = h.test(Scenarios.passes());
        RunOutcome o = h.finish(h.engine.start(testId, h.settings(), h.client, broken));

        assertEquals(Verdict.PASSED, o.verdict());
        assertEquals("the run was not stopped", 0, h.sim.journal().count(Endpoint.STOP));
        assertFalse("the failures were logged", warnings.isEmpty());
        for (LogRecord r : warnings) {
            assertThat(r.getMessage(), containsString("listener failed"));
            assertThat(r.getMessage(), not(containsString(h.sim.token())));
        }
    }

    @Test
    public void anErrorInAStepCompletesTheOutcomeAndStopsTheRun() {
        long testId = h.longTest();
        InterceptingClient client = new InterceptingClient(h.client);
        RunWatch handle = h.engine.start(testId, h.settings(), client, listener);
        h.untilRunning(handle);
        client.rewriteRun = r -> {
            throw new NoClassDefFoundError("a class the plugin lost");
        };

        RunOutcome o = h.finish(handle);
        assertEquals(Verdict.UNREACHABLE, o.verdict());
        assertThat(o.message(), containsString("an unexpected error in the plugin"));
        assertEquals(1, h.stops(1));
        h.assertNothingLeftRunning(Duration.ZERO);
    }
}
