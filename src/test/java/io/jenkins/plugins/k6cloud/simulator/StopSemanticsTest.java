package io.jenkins.plugins.k6cloud.simulator;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import org.junit.Test;

public class StopSemanticsTest extends SimHttpFixture {
    private long endedRun() throws Exception {
        long runId = http.start(sim.addLoadTest(Scenarios.passes()));
        clock.advance(Scenarios.passes().timings().total());
        return runId;
    }

    @Test
    public void stopTakesAFewMomentsWithADelay() throws Exception {
        sim.setStopDelay(Duration.ofSeconds(4));
        long runId = http.start(sim.addLoadTest(Scenarios.passes()));
        clock.advance(Duration.ofSeconds(10));
        assertEquals(200, http.post("/loadtests/v2/runs/" + runId + "/stop").status());
        assertEquals(2, http.run(runId).get("run_status").getAsInt());
        assertEquals(1, sim.journal().runsLeftRunning().size());
        assertEquals(
                "a second stop while stopping is accepted",
                200,
                http.post("/loadtests/v2/runs/" + runId + "/stop").status());
        clock.advance(Duration.ofSeconds(4));
        assertEquals(5, http.run(runId).get("run_status").getAsInt());
        assertTrue(sim.journal().runsLeftRunning().isEmpty());
        RunRecord r = sim.journal().run(runId);
        assertTrue(r.stoppedByUs());
        assertEquals(clock.instant().minusSeconds(4), r.stopRequested());
        assertEquals(2, sim.journal().stopsFor(runId).size());
    }

    @Test
    public void stopOfAnEndedRunAnswers400ByDefault() throws Exception {
        long runId = endedRun();
        SimHttp.Reply r = http.post("/loadtests/v2/runs/" + runId + "/stop");
        assertEquals(400, r.status());
        assertEquals("Test run is not running.", r.obj("error").get("message").getAsString());
        assertEquals(2, r.obj("error").get("code").getAsInt());
        assertFalse(sim.journal().run(runId).stoppedByUs());
        assertEquals(3, sim.runState(runId).runStatus());
    }

    @Test
    public void stopOfAnEndedRunCanAnswer200Or409() throws Exception {
        sim.setEndedRunStopReply(EndedRunStopReply.OK_200);
        long runId = endedRun();
        SimHttp.Reply ok = http.post("/loadtests/v2/runs/" + runId + "/stop");
        assertEquals(200, ok.status());
        assertEquals(3, ok.obj("k6-run").get("run_status").getAsInt());

        sim.setEndedRunStopReply(EndedRunStopReply.CONFLICT_409);
        SimHttp.Reply conflict = http.post("/loadtests/v2/runs/" + runId + "/stop");
        assertEquals(409, conflict.status());
        assertEquals(
                "Test run is not running.", conflict.obj("error").get("message").getAsString());
    }

    @Test
    public void acceptedStopCanAnswer204OrAnEmptyObject() throws Exception {
        sim.setAcceptedStopReply(AcceptedStopReply.NO_CONTENT);
        long test = sim.addLoadTest(Scenarios.passes());
        long first = http.start(test);
        SimHttp.Reply noContent = http.post("/loadtests/v2/runs/" + first + "/stop");
        assertEquals(204, noContent.status());
        assertEquals("", noContent.body());

        sim.setAcceptedStopReply(AcceptedStopReply.OK_EMPTY);
        long second = http.start(test);
        SimHttp.Reply empty = http.post("/loadtests/v2/runs/" + second + "/stop");
        assertEquals(200, empty.status());
        assertEquals("{}", empty.body());
        assertEquals(5, sim.runState(second).runStatus());
    }

    @Test
    public void runStoppedInTheWebAppIsNotStoppedByUs() throws Exception {
        Scenario s = Scenarios.byName("stopped-in-web-app");
        long runId = http.start(sim.addLoadTest(s));
        clock.advance(s.timings().total());
        assertEquals(5, http.run(runId).get("run_status").getAsInt());
        assertEquals(
                RunStore.WEB_APP_USER_ID, http.run(runId).get("stopped_by_id").getAsLong());
        assertFalse(sim.journal().run(runId).stoppedByUs());
        assertTrue(sim.journal().stopsFor(runId).isEmpty());
    }

    @Test
    public void stopOfAnUnknownStatusRunIsAccepted() throws Exception {
        Scenario s = Scenarios.byName("unknown-status");
        long runId = http.start(sim.addLoadTest(s));
        clock.advance(s.timings().untilRunning());
        assertEquals(42, http.run(runId).get("run_status").getAsInt());
        assertEquals(1, sim.journal().runsLeftRunning().size());
        assertEquals(200, http.post("/loadtests/v2/runs/" + runId + "/stop").status());
        assertEquals(5, sim.runState(runId).runStatus());
    }
}
