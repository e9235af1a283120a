package io.jenkins.plugins.k6cloud.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.RetryPolicy;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.RunRecord;
import io.jenkins.plugins.k6cloud.simulator.Scenario;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.Timings;
import io.jenkins.plugins.k6cloud.testing.ManualClock;
import io.jenkins.plugins.k6cloud.testing.SimulatorRule;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.rules.ExternalResource;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * The engine under test in virtual time, against the k6 Cloud simulator over real HTTP: one
 * {@link ManualClock} drives the simulator's runs, the engine's deadlines and the
 * {@link VirtualScheduler}. The client does not retry, so the engine's own error handling is what
 * the tests see. The client speaks v2 unless a flavour is given (the simulator serves both).
 */
final class EngineHarness extends ExternalResource {
    static final Duration LONG_ENOUGH = Duration.ofHours(4);

    final ApiFlavour flavour;
    private final SimulatorRule cloud = new SimulatorRule();
    final ManualClock clock = cloud.clock;
    final VirtualScheduler scheduler = new VirtualScheduler(clock);
    K6CloudSimulator sim;
    K6CloudClient client;
    RunEngine engine;

    EngineHarness() {
        this(ApiFlavour.V2);
    }

    EngineHarness(ApiFlavour flavour) {
        this.flavour = flavour;
    }

    /** The simulator comes up before the engine and goes down after it. */
    @Override
    public Statement apply(Statement base, Description description) {
        return cloud.apply(super.apply(base, description), description);
    }

    @Override
    protected void before() {
        sim = cloud.sim();
        client = newClient();
        engine = new RunEngine(scheduler, clock);
    }

    K6CloudClient newClient() {
        return cloud.client(flavour, o -> o.withRetryPolicy(RetryPolicy.noRetries()));
    }

    @Override
    protected void after() {
        engine.close();
    }

    /**
     * What a step saved while the start of a run of {@code testId} was in flight, with a stop
     * already asked for: the state a restart resumes from, everything stamped now.
     */
    WatchState startInFlightWithACancel(long testId) {
        long now = clock.millis();
        return new WatchState(
                testId, null, settings(), now, null, null, WatchPhase.STARTING, null, now, null, null, null, now);
    }

    /** Settings with the simulator's run links and a 5 s poll. */
    RunSettings settings() {
        return RunSettings.of(
                sim.webAppUrl(),
                RunSettings.DEFAULT_POLL_INTERVAL,
                RunSettings.DEFAULT_TIMEOUT,
                BuildResult.FAILURE,
                true);
    }

    long test(Scenario scenario) {
        return sim.addLoadTest(scenario);
    }

    /** A load test whose runs pass after running an hour. */
    long longTest() {
        return test(Scenarios.passes().withTimings(Timings.standard().withRunning(Duration.ofHours(1))));
    }

    /** Runs the engine until the watch has seen its run running (run_status 2). */
    RunWatch untilRunning(RunWatch handle) {
        runUntil(() -> Integer.valueOf(2).equals(handle.state().lastRunStatus()), "running");
        return handle;
    }

    /** Runs the engine until the watch has a run id or an outcome. */
    RunWatch untilAdopted(RunWatch handle) {
        runUntil(() -> handle.state().runId() != null || handle.outcome().isDone(), "a run adopted");
        return handle;
    }

    RunWatch start(long testId, RunSettings settings, RecordingListener listener) {
        return engine.start(testId, settings, client, listener);
    }

    /** Runs the engine in virtual time until the outcome is known. */
    RunOutcome finish(RunWatch handle) {
        assertTrue(
                "no outcome within " + LONG_ENOUGH + " of virtual time; status: " + handle.status(),
                scheduler.runUntilDone(handle.outcome(), LONG_ENOUGH));
        return handle.outcome().getNow(null);
    }

    /** Runs the engine until {@code condition} holds (checked after every step). */
    void runUntil(java.util.function.BooleanSupplier condition, String what) {
        long end = clock.millis() + LONG_ENOUGH.toMillis();
        while (!condition.getAsBoolean()) {
            if (clock.millis() > end || scheduler.pending() == 0) {
                throw new AssertionError("never happened: " + what);
            }
            scheduler.advance(Duration.ofMillis(500));
        }
    }

    /** Everything the simulator created has ended (moving the clock on by {@code settle} first). */
    void assertNothingLeftRunning(Duration settle) {
        clock.advance(settle);
        List<RunRecord> left = sim.journal().runsLeftRunning();
        assertTrue("runs left running: " + left, left.isEmpty());
    }

    /**
     * How many requests match, once at least {@code expected} of them are in the journal: the
     * simulator records a request after sending its response, so the client can be a step ahead.
     */
    long count(Predicate<JournalEntry> which, int expected) {
        if (expected > 0) {
            sim.journal().awaitRequests(which, expected, Duration.ofSeconds(10));
        }
        return sim.journal().requests(which).size();
    }

    void assertOneStart(long testId) {
        assertEquals(
                "start requests",
                1,
                count(
                        e -> e.endpoint() == Endpoint.START
                                && Long.valueOf(testId).equals(e.testId()),
                        1));
    }

    /** Stop requests of any run (a failed stop may not name its run). */
    long stops(int expected) {
        return count(e -> e.endpoint() == Endpoint.STOP, expected);
    }

    /** Read requests served so far (the last one may still be on its way into the journal). */
    long reads() {
        return sim.journal().count(Endpoint.READ);
    }

    static void awaitQuietly(java.util.concurrent.CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(30, TimeUnit.SECONDS));
    }
}
