package io.jenkins.plugins.k6cloud.simulator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.Before;
import org.junit.Test;

public class FaultsTest extends SimHttpFixture {
    private long testId;

    @Before
    public void addLoadTest() {
        testId = sim.addLoadTest("checkout", Scenarios.passes());
    }

    @Test
    public void faultAppliesToTheNextCountRequestsOfItsEndpointOnly() throws Exception {
        long runId = http.start(testId);
        sim.faults().inject(Endpoint.READ, 2, Fault.serverError(503));
        assertEquals(2, sim.faults().pending(Endpoint.READ));
        assertEquals(200, http.get("/v3/organizations").status());
        assertEquals(503, http.get("/loadtests/v2/runs/" + runId).status());
        assertEquals(503, http.get("/loadtests/v2/runs/" + runId).status());
        assertEquals(200, http.get("/loadtests/v2/runs/" + runId).status());
        assertEquals(0, sim.faults().pending(Endpoint.READ));
        List<JournalEntry> reads = sim.journal().requests(Endpoint.READ);
        assertEquals("SERVER_ERROR(503)", reads.get(0).fault().toString());
        assertNull(reads.get(2).fault());
    }

    @Test
    public void faultsOfOneEndpointApplyInTheOrderTheyWereArmed() throws Exception {
        sim.faults()
                .inject(Endpoint.TOKEN, Fault.rateLimited(Duration.ofSeconds(3)))
                .inject(Endpoint.TOKEN, Fault.unauthorized());
        assertEquals(429, http.get("/v3/organizations").status());
        assertEquals(401, http.get("/v3/organizations").status());
        assertEquals(200, http.get("/v3/organizations").status());
    }

    @Test
    public void rateLimitedCarriesRetryAfterAndAJsonBody() throws Exception {
        sim.faults().inject(Endpoint.LIST, Fault.rateLimited(Duration.ofSeconds(7)));
        SimHttp.Reply r = http.get("/loadtests/v2/runs?test_id=" + testId);
        assertEquals(429, r.status());
        assertEquals("7", r.header("Retry-After"));
        assertThat(r.obj("error").get("message").getAsString(), containsString("7 seconds"));
    }

    @Test
    public void serverErrorHasAnHtmlBody() throws Exception {
        sim.faults().inject(Endpoint.START, Fault.badGateway());
        SimHttp.Reply r = http.post("/loadtests/v2/tests/" + testId + "/start-testrun");
        assertEquals(502, r.status());
        assertThat(r.header("Content-Type"), containsString("text/html"));
        assertThat(r.body(), containsString("<html>"));
        assertTrue("a proxy error creates no run", sim.journal().runs().isEmpty());
    }

    @Test
    public void droppedConnectionGivesNoResponse() throws Exception {
        sim.faults().inject(Endpoint.TOKEN, Fault.dropConnection());
        assertEquals("", http.rawGet("/v3/organizations"));
        JournalEntry e = sim.journal().awaitRequest(Endpoint.TOKEN, Duration.ofSeconds(5));
        assertEquals(0, e.status());
        assertEquals(Fault.Kind.DROP_CONNECTION, e.fault().kind());
        assertThat(http.rawGet("/v3/organizations"), containsString("HTTP/1.1 200"));
    }

    @Test
    public void malformedJsonCannotBeParsed() throws Exception {
        long runId = http.start(testId);
        sim.faults().inject(Endpoint.READ, Fault.malformedJson());
        SimHttp.Reply r = http.get("/loadtests/v2/runs/" + runId);
        assertEquals(200, r.status());
        assertThrows(JsonParseException.class, () -> JsonParser.parseString(r.body()));
    }

    @Test
    public void startThenDropCreatesTheRunButLosesTheResponse() throws Exception {
        sim.faults().inject(Endpoint.START, Fault.startThenDrop());
        // a new connection, so that the JDK client cannot retry a dropped request on its own
        assertThrows(
                IOException.class, () -> new SimHttp(sim).post("/loadtests/v2/tests/" + testId + "/start-testrun"));
        JournalEntry start = sim.journal().awaitRequest(Endpoint.START, Duration.ofSeconds(5));
        assertEquals(0, start.status());
        assertEquals(1, sim.journal().runsOf(testId).size());
        assertEquals(
                start.runId().longValue(), sim.journal().runsOf(testId).get(0).id());
        assertEquals(1, sim.journal().runsLeftRunning().size());
    }

    @Test
    public void stopRacingTheNaturalEndFindsTheRunFinished() throws Exception {
        long runId = http.start(testId);
        clock.advance(Duration.ofSeconds(20));
        sim.faults().inject(Endpoint.STOP, Fault.stopRacesFinish());
        SimHttp.Reply r = http.post("/loadtests/v2/runs/" + runId + "/stop");
        assertEquals(400, r.status());
        RunState st = sim.runState(runId);
        assertEquals(3, st.runStatus());
        assertEquals(clock.instant(), st.ended());
        assertEquals(false, sim.journal().run(runId).stoppedByUs());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(2, sim.runState(runId).processingStatus());
    }

    @Test
    public void unauthorizedFaultRejectsAValidTokenOnce() throws Exception {
        long runId = http.start(testId);
        sim.faults().inject(Endpoint.READ, Fault.unauthorized());
        SimHttp.Reply r = http.get("/loadtests/v2/runs/" + runId);
        assertEquals(401, r.status());
        assertEquals(6, r.obj("error").get("code").getAsInt());
        assertTrue(
                "the token itself was valid",
                sim.journal().requests(Endpoint.READ).get(0).authValid());
        assertEquals(200, http.get("/loadtests/v2/runs/" + runId).status());
    }

    @Test
    public void latencyDelaysTheResponseInRealTime() throws Exception {
        sim.faults().inject(Endpoint.TOKEN, Fault.latency(Duration.ofSeconds(2)));
        HttpRequest late = http.builder("/v3/organizations")
                .timeout(Duration.ofMillis(200))
                .build();
        assertThrows(HttpTimeoutException.class, () -> http.send(late));
        JournalEntry e = sim.journal().awaitRequest(Endpoint.TOKEN, Duration.ofSeconds(10));
        assertEquals(Fault.Kind.LATENCY, e.fault().kind());
        assertEquals("late but served", 200, e.status());
    }

    @Test
    public void faultsAreRejectedWhereTheyCannotApply() {
        FaultPlan faults = sim.faults();
        assertThat(
                assertThrows(IllegalArgumentException.class, () -> faults.inject(Endpoint.READ, Fault.startThenDrop()))
                        .getMessage(),
                containsString("START"));
        assertThat(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> faults.inject(Endpoint.READ, 0, Fault.dropConnection()))
                        .getMessage(),
                containsString("at least 1"));
        assertThat(
                assertThrows(IllegalArgumentException.class, () -> Fault.serverError(404))
                        .getMessage(),
                containsString("500..599"));
    }

    @Test
    public void clearDisarmsEverything() throws Exception {
        sim.faults().inject(Endpoint.TOKEN, 5, Fault.serverError(500)).clear();
        assertEquals(200, http.get("/v3/organizations").status());
    }
}
