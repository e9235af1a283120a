package io.jenkins.plugins.k6cloud.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.K6CloudException.AuthenticationException;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.testing.ManualClock;
import io.jenkins.plugins.k6cloud.testing.RecordingSleeper;
import io.jenkins.plugins.k6cloud.testing.SimulatorRule;
import java.time.Duration;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

/** The v6 client against the k6 Cloud simulator's v6 flavour (a real HTTP server), in virtual time. */
public class V6SimulatorRoundTripTest {
    @Rule
    public final SimulatorRule rig = new SimulatorRule();

    private final ManualClock clock = rig.clock;
    private final RecordingSleeper sleeper = rig.sleeper;

    private K6CloudSimulator sim() {
        return rig.sim();
    }

    private K6CloudClient client(ApiFlavour flavour, String token, long stackId) {
        return rig.client(flavour, token, o -> o.withStackId(stackId));
    }

    private K6CloudClient client() {
        return client(ApiFlavour.V6, sim().token(), sim().stackId());
    }

    @Test
    public void startFollowAbortRoundTripLeavesNothingRunning() throws Exception {
        long testId = sim().addLoadTest("checkout", Scenarios.passes());
        K6CloudClient client = client();

        client.checkToken();
        assertEquals("checkout", client.getLoadTest(testId).name());

        TestRun started = client.startRun(testId);
        assertEquals(Long.valueOf(testId), started.testId());
        assertTrue(started.runStatus().isBeforeRunning());
        assertEquals(sim().webAppUrl() + "/runs/" + started.id(), started.webUrl());

        clock.advance(Duration.ofSeconds(15));
        TestRun running = client.getRun(started.id());
        assertEquals(RunStatus.RUNNING, running.runStatus());
        assertEquals(clock.instant().minusSeconds(6), running.started());

        client.stopRun(started.id());
        assertEquals(RunStatus.ABORTED_BY_USER, client.getRun(started.id()).runStatus());
        client.stopRun(started.id());

        assertThat(client.listRuns(testId, null), hasSize(1));
        assertThat(sim().journal().startsFor(testId), hasSize(1));
        List<JournalEntry> stops = sim().journal().stopsFor(started.id());
        assertEquals(List.of(204, 409), stops.stream().map(JournalEntry::status).toList());
        assertTrue(sim().journal().runsLeftRunning().isEmpty());
        assertTrue(sim().journal().requests().stream()
                .allMatch(e -> e.path().startsWith("/cloud/v6/")
                        && Long.toString(sim().stackId()).equals(e.stackId())));
        assertTrue("nothing was retried", sleeper.delays().isEmpty());
    }

    @Test
    public void aStartWhoseAnswerIsLostIsSentAgainWithTheSameKeyAndGivesTheSameRun() throws Exception {
        long testId = sim().addLoadTest(Scenarios.passes());
        sim().faults().inject(Endpoint.START, Fault.startThenDrop());

        TestRun run = client().startRun(testId);

        assertThat(sim().journal().runsOf(testId), hasSize(1));
        assertEquals(sim().journal().runsOf(testId).get(0).id(), run.id());
        assertThat("sent again, with the same key", sim().journal().startsFor(testId), hasSize(2));
        assertEquals(
                "no look: the key makes sending again safe", 0, sim().journal().count(Endpoint.LIST));
    }

    /**
     * The answer comes after the read timeout, so the start is sent again without looking: the same
     * idempotency key makes k6 Cloud give back the run the first request creates instead of a second one.
     */
    @Test
    public void aStartSentAgainAfterATimeoutCreatesOneRun() throws Exception {
        long testId = sim().addLoadTest(Scenarios.passes());
        sim().faults().inject(Endpoint.START, Fault.latency(Duration.ofMillis(1500)));
        K6CloudClient client = rig.client(
                ApiFlavour.V6,
                o -> o.withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(60)));

        TestRun run = client.startRun(testId);

        List<JournalEntry> starts =
                sim().journal().awaitRequests(e -> e.endpoint() == Endpoint.START, 2, Duration.ofSeconds(10));
        assertEquals("the first start was answered late, with the same run", run.id(), (long)
                starts.get(1).runId());
        assertThat(sim().journal().runsOf(testId), hasSize(1));
        assertEquals(0, sim().journal().count(Endpoint.LIST));
    }

    @Test
    public void bothFlavoursSeeTheSameRuns() throws Exception {
        long testId = sim().addLoadTest(Scenarios.thresholdsFail());
        TestRun started = client().startRun(testId);
        clock.advance(Scenarios.thresholdsFail().timings().total());

        TestRun v6 = client().getRun(started.id());
        TestRun v2 = client(ApiFlavour.V2, sim().token(), sim().stackId()).getRun(started.id());

        assertEquals(v2.runStatus(), v6.runStatus());
        assertEquals(v2.processingStatus(), v6.processingStatus());
        assertEquals(v2.resultStatus(), v6.resultStatus());
        assertEquals(v2.ended(), v6.ended());
        assertThat("v6 has no thresholds endpoint", client().getThresholds(started.id()), hasSize(0));
    }

    @Test
    public void aWrongTokenOrStackIsAnAuthenticationError() {
        AuthenticationException token = assertThrows(
                AuthenticationException.class,
                () -> client(ApiFlavour.V6, "not-it", sim().stackId()).checkToken());
        assertEquals(401, token.httpStatus());
        assertThat(token.getMessage(), containsString("\"Invalid token\" (code error)"));
        assertThat(token.getMessage(), containsString("GET /cloud/v6/projects"));

        AuthenticationException stack = assertThrows(
                AuthenticationException.class,
                () -> client(ApiFlavour.V6, sim().token(), 1).checkToken());
        assertEquals(403, stack.httpStatus());
        assertThat(stack.getMessage(), containsString("configured stack id"));
        assertThat(stack.getMessage(), containsString("(code permission_denied)"));
    }
}
