package io.jenkins.plugins.k6cloud.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.K6CloudException.AuthenticationException;
import io.jenkins.plugins.k6cloud.simulator.EndedRunStopReply;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.Outcome;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.testing.ManualClock;
import io.jenkins.plugins.k6cloud.testing.RecordingSleeper;
import io.jenkins.plugins.k6cloud.testing.SimulatorRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

/** The client of both flavours against the k6 Cloud simulator (a real HTTP server), in virtual time. */
public class SimulatorRoundTripTest {
    @Rule
    public final SimulatorRule rig = new SimulatorRule();

    private final ManualClock clock = rig.clock;
    private final RecordingSleeper sleeper = rig.sleeper;

    private K6CloudSimulator sim() {
        return rig.sim();
    }

    private HttpK6CloudClient client() {
        return rig.client(ApiFlavour.V2, o -> o);
    }

    private K6CloudClient client(ApiFlavour flavour, String token, long stackId) {
        return rig.client(flavour, token, o -> o.withStackId(stackId));
    }

    @Test
    public void startFollowStopRoundTripLeavesNothingRunning() throws Exception {
        for (ApiFlavour flavour : ApiFlavour.values()) {
            long testId = sim().addLoadTest("checkout", Scenarios.passes());
            K6CloudClient client = client(flavour, sim().token(), sim().stackId());
            int requestsBefore = sim().journal().requests().size();

            client.checkToken();
            assertEquals("checkout", client.getLoadTest(testId).name());
            TestRun started = client.startRun(testId);
            assertEquals(Long.valueOf(testId), started.testId());
            assertTrue(started.runStatus().isBeforeRunning());

            clock.advance(Duration.ofSeconds(15));
            TestRun running = client.getRun(started.id());
            assertEquals(RunStatus.RUNNING, running.runStatus());
            assertEquals(clock.instant().minusSeconds(6), running.started());

            client.stopRun(started.id());
            assertEquals(RunStatus.ABORTED_BY_USER, client.getRun(started.id()).runStatus());
            client.stopRun(started.id());

            assertThat(client.listRuns(testId, null), hasSize(1));
            assertThat(sim().journal().startsFor(testId), hasSize(1));
            assertTrue(sim().journal().runsLeftRunning().isEmpty());
            assertTrue("nothing was retried", sleeper.delays().isEmpty());
            assertTrue(sim().journal().requests().stream()
                    .skip(requestsBefore)
                    .allMatch(e -> Long.toString(sim().stackId()).equals(e.stackId())));
            List<JournalEntry> stops = sim().journal().stopsFor(started.id());
            if (flavour == ApiFlavour.V6) {
                assertEquals(sim().webAppUrl() + "/runs/" + started.id(), started.webUrl());
                assertEquals(
                        List.of(204, 409),
                        stops.stream().map(JournalEntry::status).toList());
                assertTrue(sim().journal().requests().stream()
                        .skip(requestsBefore)
                        .allMatch(e -> e.path().startsWith("/cloud/v6/")));
            }
        }
    }

    @Test
    public void aFinishedRunWithCrossedThresholdsReadsAsFailed() throws Exception {
        long testId = sim().addLoadTest(Scenarios.thresholdsFail());
        HttpK6CloudClient client = client();
        TestRun run = client.startRun(testId);

        clock.advance(Scenarios.thresholdsFail().timings().total().plusSeconds(1));

        TestRun done = client.getRun(run.id());
        assertEquals(RunStatus.FINISHED, done.runStatus());
        assertTrue(done.processingStatus().isDone());
        assertEquals(ResultStatus.FAILED, done.resultStatus());
        List<Threshold> thresholds = client.getThresholds(run.id());
        assertEquals(2, thresholds.size());
        assertTrue(thresholds.stream().anyMatch(t -> t.tainted() && t.name().startsWith("http_req_duration")));
        assertTrue(thresholds.stream().anyMatch(Threshold::passed));
    }

    @Test
    public void aLostStartAnswerOrAGatewayErrorIsLeftToTheCallerToLookForAndNeverSentAgain() throws Exception {
        for (boolean answerLost : new boolean[] {true, false}) {
            Fault fault = answerLost ? Fault.startThenDrop() : Fault.badGateway();
            long testId = sim().addLoadTest(Scenarios.passes());
            sim().faults().inject(Endpoint.START, fault);
            Instant sentAt = clock.instant();

            K6CloudException.StartOutcomeUnknownException e =
                    assertThrows(K6CloudException.StartOutcomeUnknownException.class, () -> client().startRun(testId));

            assertEquals("the send time, no skew applied", sentAt, e.notBefore());
            assertEquals("sent once", answerLost ? 1 : 2, sim().journal().count(Endpoint.START));
            assertEquals(
                    "the run was created only when the answer alone was lost",
                    answerLost ? 1 : 0,
                    sim().journal().runsOf(testId).size());
        }
        assertEquals(
                "the client takes no run it did not start for certain",
                0,
                sim().journal().count(Endpoint.LIST));
        assertTrue(sleeper.delays().isEmpty());
    }

    @Test
    public void stopOfAnEndedRunIsDoneWhateverTheSimulatorAnswers() throws Exception {
        long testId = sim().addLoadTest(Scenarios.passes());
        HttpK6CloudClient client = client();
        long runId = client.startRun(testId).id();
        clock.advance(Scenarios.passes().timings().total());

        client.stopRun(runId);
        sim().setEndedRunStopReply(EndedRunStopReply.CONFLICT_409);
        client.stopRun(runId);

        assertEquals(RunStatus.FINISHED, client.getRun(runId).runStatus());
        assertFalse(sim().journal().run(runId).stoppedByUs());
    }

    @Test
    public void rateLimitsAndLostAnswersOnReadsAreRetried() throws Exception {
        long testId = sim().addLoadTest(Scenarios.passes());
        HttpK6CloudClient client = client();
        long runId = client.startRun(testId).id();
        sim().faults()
                .inject(Endpoint.READ, Fault.rateLimited(Duration.ofSeconds(2)))
                .inject(Endpoint.READ, Fault.dropConnection());

        assertEquals(runId, client.getRun(runId).id());

        // OkHttp itself resends a GET whose pooled connection drops, so the lost answer may cost no pause
        assertEquals(Long.valueOf(2000), sleeper.delays().get(0));
        assertEquals(3, sim().journal().count(Endpoint.READ));
        assertEquals(0, sim().faults().pending(Endpoint.READ));
    }

    @Test
    public void theRecentRunsOfATestAreDecodedByTheServerAsMeant() throws Exception {
        long testId = sim().addLoadTest(Scenarios.passes());
        HttpK6CloudClient client = rig.client(ApiFlavour.V2, o -> o.withStackId(4242L));
        client.startRun(testId);
        clock.advance(Duration.ofMinutes(1));
        Instant since = clock.instant();
        long recent = client.startRun(testId).id();
        client.startRun(sim().addLoadTest(Scenarios.passes()));

        assertEquals(
                List.of(recent),
                client.listRuns(testId, since).stream().map(TestRun::id).toList());

        JournalEntry list = sim().journal().requests(Endpoint.LIST).get(0);
        assertEquals(String.valueOf(testId), list.param("test_id"));
        assertEquals("-created", list.param("order_by"));
        assertEquals("4242", list.stackId());
    }

    @Test
    public void oddPayloadsAndUnknownStatusesAreRead() throws Exception {
        HttpK6CloudClient client = client();
        long odd = client.startRun(sim().addLoadTest(Scenarios.of(Outcome.ODD_PAYLOADS)))
                .id();
        long unknown = client.startRun(sim().addLoadTest(Scenarios.of(Outcome.UNKNOWN_STATUS)))
                .id();
        clock.advance(Duration.ofSeconds(15));

        TestRun u = client.getRun(unknown);
        assertEquals(RunStatus.UNKNOWN, u.runStatus());
        assertEquals(Integer.valueOf(Outcome.UNKNOWN_RUNNING_CODE), u.runStatusCode());

        clock.advance(Duration.ofMinutes(5));
        TestRun o = client.getRun(odd);
        assertEquals(RunStatus.FINISHED, o.runStatus());
        assertNotNull(o.created());
        assertNotNull(o.started());
        assertNotNull(o.ended());
        assertTrue(o.started().isBefore(o.ended()));
        assertTrue(o.created().isBefore(o.started()));
    }

    @Test
    public void aRevokedTokenIsAnAuthenticationError() throws Exception {
        HttpK6CloudClient client = client();
        client.checkToken();
        sim().revokeToken(sim().token());

        AuthenticationException e = assertThrows(AuthenticationException.class, client::checkToken);

        assertEquals(401, e.httpStatus());
        assertEquals("GET /v3/organizations", e.request());
    }

    /** v2 documents no order: a full first page of old runs, then one recent run; the look finds that one only. */
    @Test
    public void theRecentRunIsFoundWhetherTheServerAnswersNewestOrOldestFirst() throws Exception {
        for (boolean serverIgnoresOrder : new boolean[] {false, true}) {
            sim().ignoreOrderBy(serverIgnoresOrder);
            long testId = sim().addLoadTest(Scenarios.passes());
            HttpK6CloudClient client = client();
            for (int i = 0; i < V2Api.PAGE_SIZE; i++) {
                client.startRun(testId);
            }
            clock.advance(Duration.ofHours(2));
            Instant since = clock.instant();
            long recent = client.startRun(testId).id();
            long looks = sim().journal().count(Endpoint.LIST);

            assertEquals(
                    List.of(recent),
                    client.listRuns(testId, since).stream().map(TestRun::id).toList());
            if (serverIgnoresOrder) {
                assertEquals("both pages read", looks + 2, sim().journal().count(Endpoint.LIST));
            }
        }
    }

    @Test
    public void aStartWhoseAnswerIsLostIsSentAgainWithTheSameKeyAndGivesTheSameRun() throws Exception {
        long testId = sim().addLoadTest(Scenarios.passes());
        sim().faults().inject(Endpoint.START, Fault.startThenDrop());

        TestRun run = client(ApiFlavour.V6, sim().token(), sim().stackId()).startRun(testId);

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
        TestRun started = client(ApiFlavour.V6, sim().token(), sim().stackId()).startRun(testId);
        clock.advance(Scenarios.thresholdsFail().timings().total());

        TestRun v6 = client(ApiFlavour.V6, sim().token(), sim().stackId()).getRun(started.id());
        TestRun v2 = client(ApiFlavour.V2, sim().token(), sim().stackId()).getRun(started.id());

        assertEquals(v2.runStatus(), v6.runStatus());
        assertEquals(v2.processingStatus(), v6.processingStatus());
        assertEquals(v2.resultStatus(), v6.resultStatus());
        assertEquals(v2.ended(), v6.ended());
        assertThat(
                "v6 has no thresholds endpoint",
                client(ApiFlavour.V6, sim().token(), sim().stackId()).getThresholds(started.id()),
                hasSize(0));
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
