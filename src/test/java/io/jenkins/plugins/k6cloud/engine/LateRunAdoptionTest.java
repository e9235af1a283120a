package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * A start whose outcome the client could not tell (its connection dropped after sending) is never
 * sent again; the engine keeps looking, bounded, for the run k6 Cloud may create late.
 */
public class LateRunAdoptionTest {
    @Rule
    public final EngineHarness h = new EngineHarness();

    private final RecordingListener listener = new RecordingListener();

    @Test
    public void aRunThatShowsUpLaterIsAdoptedNotStartedAgain() throws Exception {
        long testId = h.test(Scenarios.passes());
        h.sim.faults().inject(Endpoint.START, Fault.dropConnection());
        RunWatch handle = h.start(testId, h.settings(), listener);
        h.runUntil(() -> h.sim.journal().count(Endpoint.LIST) >= 2, "the engine looked again");

        h.clock.advance(Duration.ofSeconds(30));
        TestRun late = h.client.startRun(testId); // k6 Cloud creating the run half a minute late
        RunOutcome o = h.finish(handle);

        assertEquals(Verdict.PASSED, o.verdict());
        assertEquals(Long.valueOf(late.id()), o.runId());
        assertEquals(
                "the dropped start and the run made late", 2, h.sim.journal().count(Endpoint.START));
        assertEquals(1, h.sim.journal().runsOf(testId).size());
    }

    @Test
    public void whenNoRunEverAppearsTheBuildFailsSayingWhereToLook() {
        long testId = h.test(Scenarios.passes());
        h.sim.faults().inject(Endpoint.START, Fault.dropConnection());

        RunOutcome o = h.finish(h.start(testId, h.settings(), listener));

        assertEquals(Verdict.UNREACHABLE, o.verdict());
        assertNull(o.runId());
        assertThat(o.message(), containsString("k6 Cloud may still have started one"));
        assertThat(o.message(), containsString(h.sim.webAppUrl()));
        assertThat("looked more than once", h.sim.journal().count(Endpoint.LIST), greaterThan(2L));
        assertEquals("never sent again", 1, h.sim.journal().count(Endpoint.START));
        assertThat(
                "the looking is bounded",
                o.followedFor(),
                org.hamcrest.Matchers.lessThanOrEqualTo(Duration.ofMillis(RunAdoption.START_CALL_MILLIS)
                        .plus(h.settings().pollInterval())));
    }
}
