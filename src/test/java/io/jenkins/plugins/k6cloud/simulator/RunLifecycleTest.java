package io.jenkins.plugins.k6cloud.simulator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

public class RunLifecycleTest extends SimHttpFixture {
    private static List<Integer> statuses(JsonObject run) {
        return List.of(
                run.get("run_status").getAsInt(),
                run.get("processing_status").getAsInt(),
                run.get("result_status").getAsInt());
    }

    @Test
    public void passingRunWalksThroughEveryPhase() throws Exception {
        long testId = sim.addLoadTest("checkout", Scenarios.passes());
        SimHttp.Reply start = http.post("/loadtests/v2/tests/" + testId + "/start-testrun");
        assertEquals(200, start.status());
        JsonObject run = start.obj("k6-run");
        assertEquals(-2, run.get("run_status").getAsInt());
        assertEquals(testId, run.get("test_id").getAsLong());
        assertEquals("2026-01-01T00:00:00Z", run.get("created").getAsString());
        assertTrue(run.get("started").isJsonNull());
        long runId = run.get("id").getAsLong();

        int[] expectedRunStatus = {-1, 0, 1};
        long[] after = {1, 1, 2};
        for (int i = 0; i < expectedRunStatus.length; i++) {
            clock.advance(Duration.ofSeconds(after[i]));
            assertEquals(expectedRunStatus[i], http.run(runId).get("run_status").getAsInt());
        }
        clock.advance(Duration.ofSeconds(5));
        JsonObject running = http.run(runId);
        assertEquals(List.of(2, 0, 0), statuses(running));
        assertEquals("2026-01-01T00:00:09", running.get("started").getAsString());
        assertTrue(running.get("ended").isJsonNull());

        clock.advance(Duration.ofSeconds(30));
        JsonObject processing = http.run(runId);
        assertEquals(List.of(3, 1, 0), statuses(processing));
        assertEquals("2026-01-01T00:00:39", processing.get("ended").getAsString());

        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of(3, 2, 0), statuses(http.run(runId)));
        assertThat(sim.journal().runsLeftRunning(), empty());
        RunRecord record = sim.journal().run(runId);
        assertFalse(record.stoppedByUs());
        assertThat(
                record.transitions().stream().map(Transition::runStatus).collect(Collectors.toList()),
                contains(-2, -1, 0, 1, 2, 3, 3));
    }

    private JsonObject firstThreshold(long runId) throws Exception {
        return http.get("/loadtests/v2/thresholds?test_run_id=" + runId)
                .json()
                .getAsJsonArray("k6-thresholds")
                .get(0)
                .getAsJsonObject();
    }

    @Test
    public void failedThresholdsShowOnlyAfterProcessing() throws Exception {
        long testId = sim.addLoadTest("checkout", Scenarios.thresholdsFail());
        long runId = http.start(testId);
        clock.advance(Scenarios.thresholdsFail().timings().untilEnd());
        assertEquals(List.of(3, 1, 0), statuses(http.run(runId)));
        JsonObject during = firstThreshold(runId);
        assertFalse(during.get("tainted").getAsBoolean());
        assertTrue(during.get("calculated_value").isJsonNull());

        clock.advance(Scenarios.thresholdsFail().timings().processing());
        assertEquals(List.of(3, 2, 1), statuses(http.run(runId)));
        JsonObject threshold = firstThreshold(runId);
        assertEquals("http_req_duration: p(95)<500", threshold.get("name").getAsString());
        assertEquals("p(95)", threshold.get("stat").getAsString());
        assertTrue(threshold.get("tainted").getAsBoolean());
        assertEquals(812.7, threshold.get("calculated_value").getAsDouble(), 1e-9);
        assertEquals(500.0, threshold.get("value").getAsDouble(), 1e-9);
        assertEquals(runId, threshold.get("testrun_id").getAsLong());
    }

    @Test
    public void stopAbortsARunningRunAndTheJournalSaysWeDidIt() throws Exception {
        long testId = sim.addLoadTest("checkout", Scenarios.passes());
        long runId = http.start(testId);
        clock.advance(Duration.ofSeconds(12));
        assertEquals(1, sim.journal().runsLeftRunning().size());

        SimHttp.Reply stop = http.post("/loadtests/v2/runs/" + runId + "/stop");
        assertEquals(200, stop.status());
        assertEquals(5, stop.obj("k6-run").get("run_status").getAsInt());
        assertThat(sim.journal().runsLeftRunning(), empty());
        assertTrue(sim.journal().run(runId).stoppedByUs());
        assertEquals(1, sim.journal().stopsFor(runId).size());

        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of(5, 2, 0), statuses(http.run(runId)));
        assertEquals(9001, http.run(runId).get("stopped_by_id").getAsLong());

        SimHttp.Reply again = http.post("/loadtests/v2/runs/" + runId + "/stop");
        assertEquals(400, again.status());
        assertEquals(
                "Test run is not running.", again.obj("error").get("message").getAsString());
        assertEquals(2, again.obj("error").get("code").getAsInt());
    }

    @Test
    public void awaitRequestReturnsOnceAnotherThreadWasServed() throws Exception {
        long testId = sim.addLoadTest("checkout", Scenarios.passes());
        Thread client = new Thread(
                () -> {
                    try {
                        http.start(testId);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "await-test-client");
        client.start();
        JournalEntry start = sim.journal().awaitRequest(Endpoint.START, Duration.ofSeconds(10));
        client.join(10_000);
        assertEquals(200, start.status());
        assertEquals(Long.valueOf(testId), start.testId());
        assertEquals(1, sim.journal().startsFor(testId).size());
    }
}
