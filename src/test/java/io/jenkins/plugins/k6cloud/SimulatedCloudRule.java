package io.jenkins.plugins.k6cloud;

import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Journal;
import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.Outcome;
import io.jenkins.plugins.k6cloud.simulator.Scenario;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.Timings;
import io.jenkins.plugins.k6cloud.testing.UtcClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.rules.ExternalResource;

/**
 * The k6 Cloud simulator for tests against a live Jenkins, as a JUnit rule (a {@code @ClassRule}
 * when it must outlive a Jenkins restart). Its clock follows real time, so the plugin's own clock
 * and k6 Cloud's agree, but the test moves it forward to end a run when it wants: builds wait for
 * the test, never for the scenario's timings.
 */
public final class SimulatedCloudRule extends ExternalResource {
    /** The accepted API token: distinctive, so a test can look for it in logs and files. */
    public static final String TOKEN = "k6tok-3f9a1c7e5d2b4806";
    /** The bound of every wait for the plugin to reach k6 Cloud (Jenkins schedules builds in about a second). */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Far beyond the end and processing of every ready-made scenario. */
    private static final Duration PAST_THE_END = Duration.ofHours(3);
    /** Runs of "held" load tests run this long unless stopped: they end when a test says so. */
    private static final Duration HELD = Duration.ofDays(1);

    private final SteppedClock clock = new SteppedClock();
    private K6CloudSimulator sim;

    @Override
    protected void before() throws IOException {
        sim = K6CloudSimulator.builder().clock(clock).token(TOKEN).start();
    }

    @Override
    protected void after() {
        if (sim != null) {
            sim.close();
        }
    }

    public K6CloudSimulator sim() {
        return sim;
    }

    public Journal journal() {
        return sim.journal();
    }

    /** A load test whose runs play the ready-made scenario of {@code outcome}. */
    public long addLoadTest(Outcome outcome) {
        return sim.addLoadTest(Scenarios.of(outcome));
    }

    /** A load test whose runs reach Running at once and then run for a day, until stopped or {@link #endRuns()}. */
    public long addHeldLoadTest(Outcome outcome) {
        Timings held = new Timings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, HELD, Duration.ZERO);
        Scenario scenario = Scenarios.of(outcome).withTimings(held);
        return sim.addLoadTest(outcome.scenarioName() + "-held", scenario);
    }

    /** Waits until load test {@code testId} was started (answered or not) and returns the id of the run it created. */
    public long awaitStart(long testId) {
        return awaitStartRequest(testId).runId();
    }

    public JournalEntry awaitStartRequest(long testId) {
        return awaitStarts(testId, 1);
    }

    /** Waits for the {@code nth} start (from 1) that created a run, of load test {@code testId} or any. */
    private JournalEntry awaitStarts(Long testId, int nth) {
        return journal()
                .awaitRequests(
                        e -> e.endpoint() == Endpoint.START
                                && (testId == null || testId.equals(e.testId()))
                                && e.runId() != null,
                        nth,
                        TIMEOUT)
                .get(nth - 1);
    }

    /** Waits until the plugin has read run {@code runId} after {@code since} (simulator time), i.e. seen it as it is now. */
    public void awaitReadAfter(long runId, Instant since) {
        journal()
                .awaitRequest(
                        e -> e.endpoint() == Endpoint.READ
                                && Objects.equals(e.runId(), runId)
                                && !e.time().isBefore(since),
                        TIMEOUT);
    }

    /** Waits for the start of load test {@code testId}, then lets every run play to its end; returns the run id. */
    public long finishRunOf(long testId) {
        return finishRunOf(testId, 1);
    }

    /** Waits for the {@code nth} start of load test {@code testId} (from 1), then lets every run play to its end. */
    public long finishRunOf(long testId, int nth) {
        long runId = awaitStarts(testId, nth).runId();
        endRuns();
        return runId;
    }

    /** Waits for the start of any load test (e.g. one created by an upload), then lets every run play to its end. */
    public long finishFirstRun() {
        long runId = awaitStarts(null, 1).runId();
        endRuns();
        return runId;
    }

    /** Moves the simulator past the end of every run, held ones included: each ends as its scenario says. */
    public void endRuns() {
        clock.advance(HELD.plus(PAST_THE_END));
    }

    /** Waits for the start of held load test {@code testId} and until the plugin has seen its run Running. */
    public long awaitRunning(long testId) {
        long runId = awaitStart(testId);
        awaitReadAfter(runId, clock.instant());
        return runId;
    }

    /** The system clock plus an offset that only grows. */
    private static final class SteppedClock extends UtcClock {
        private final AtomicLong offsetMillis = new AtomicLong();

        void advance(Duration d) {
            offsetMillis.addAndGet(d.toMillis());
        }

        @Override
        public long millis() {
            return System.currentTimeMillis() + offsetMillis.get();
        }
    }
}
