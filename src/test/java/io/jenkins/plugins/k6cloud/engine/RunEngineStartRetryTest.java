package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * A start refused with 429 created nothing: the engine sends it again after the Retry-After the
 * client could not wait for, within the start timeout.
 */
public class RunEngineStartRetryTest {
    @Rule
    public final EngineHarness h = new EngineHarness();

    private final RecordingListener listener = new RecordingListener();

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
}
