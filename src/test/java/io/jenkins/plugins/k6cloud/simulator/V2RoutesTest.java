package io.jenkins.plugins.k6cloud.simulator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Before;
import org.junit.Test;

/** The simulator's v2 flavour: a run's lifecycle, lists, $select, auth, errors and the stop's answers. */
public class V2RoutesTest extends SimHttpFixture {
    private long testId;

    @Before
    public void addLoadTest() {
        testId = sim.addLoadTest("checkout", Scenarios.passes());
    }

    private static List<Long> ids(JsonArray runs) {
        List<Long> out = new ArrayList<>();
        for (JsonElement e : runs) {
            out.add(e.getAsJsonObject().get("id").getAsLong());
        }
        return out;
    }

    @Test
    public void selectKeepsOnlyTheSelectedKnownKeys() throws Exception {
        long runId = http.start(testId);
        JsonObject run = http.get("/loadtests/v2/runs/" + runId + "?$select=id,run_status,no_such_field,created")
                .obj("k6-run");
        assertThat(new ArrayList<>(run.keySet()), contains("created", "id", "run_status"));
        JsonObject encoded = http.get("/loadtests/v2/runs/" + runId + "?%24select=id%2Cprocessing_status")
                .obj("k6-run");
        assertThat(new ArrayList<>(encoded.keySet()), contains("id", "processing_status"));
        JsonObject full = http.get("/loadtests/v2/runs/" + runId).obj("k6-run");
        assertTrue(full.has("vus_per_instance"));
        assertEquals("2026-01-01T00:00:00", full.get("created").getAsString());
    }

    @Test
    public void listKeepsTheRawQueryAndDecodesIt() throws Exception {
        long a = http.start(testId);
        String raw = "test_id=" + testId + "&%24select=id%2Crun_status&page_size=5";
        SimHttp.Reply encoded = http.get("/loadtests/v2/runs?" + raw);
        assertEquals(List.of(a), ids(encoded.json().getAsJsonArray("k6-runs")));
        assertThat(
                new ArrayList<>(encoded.json()
                        .getAsJsonArray("k6-runs")
                        .get(0)
                        .getAsJsonObject()
                        .keySet()),
                contains("id", "run_status"));
        JournalEntry entry = sim.journal().requests(Endpoint.LIST).get(0);
        assertEquals(raw, entry.rawQuery());
        assertEquals(List.of("id,run_status"), entry.params().get("$select"));
        assertEquals(400, http.get("/loadtests/v2/runs?test_id=x").status());
    }

    @Test
    public void listPagesWithMetaCountAsTheTotal() throws Exception {
        long other = sim.addLoadTest("other", Scenarios.passes());
        http.start(other);
        List<Long> started = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            started.add(http.start(testId));
        }
        JsonObject first = http.get("/loadtests/v2/runs?test_id=" + testId).json();
        assertEquals(V2Json.DEFAULT_PAGE_SIZE, first.getAsJsonArray("k6-runs").size());
        assertEquals(25, first.getAsJsonObject("meta").get("count").getAsInt());
        JsonObject second = http.get("/loadtests/v2/runs?test_id=" + testId + "&page=2&page_size=20")
                .json();
        assertEquals(started.subList(20, 25), ids(second.getAsJsonArray("k6-runs")));
        JsonObject beyond =
                http.get("/loadtests/v2/runs?test_id=" + testId + "&page=9").json();
        assertEquals(0, beyond.getAsJsonArray("k6-runs").size());
        JsonObject newest = http.get("/loadtests/v2/runs?test_id=" + testId + "&order_by=-id&page_size=1")
                .json();
        assertEquals(List.of(started.get(24)), ids(newest.getAsJsonArray("k6-runs")));
        assertEquals(
                26,
                http.get("/loadtests/v2/runs")
                        .json()
                        .getAsJsonObject("meta")
                        .get("count")
                        .getAsInt());

        SimHttp.Reply bad = http.get("/loadtests/v2/runs?page=0");
        assertEquals(400, bad.status());
        assertThat(bad.obj("error").get("message").getAsString(), containsString("page"));
    }

    @Test
    public void missingAndWrongTokensGetTheV2Errors() throws Exception {
        SimHttp.Reply missing = http.withAuthorization(null).get("/v3/organizations");
        assertEquals(401, missing.status());
        assertEquals(5, missing.obj("error").get("code").getAsInt());

        SimHttp.Reply wrong = http.withAuthorization("Token nope").get("/loadtests/v2/runs/1");
        assertEquals(401, wrong.status());
        assertEquals("Invalid token.", wrong.obj("error").get("message").getAsString());
        assertEquals(6, wrong.obj("error").get("code").getAsInt());
        assertEquals(
                401,
                http.withAuthorization("Bearer " + sim.token())
                        .get("/v3/organizations")
                        .status());

        assertEquals(
                200,
                http.withAuthorization("token " + sim.token())
                        .get("/v3/organizations")
                        .status());
        assertEquals(
                "Simulated organization",
                http.get("/v3/organizations")
                        .json()
                        .getAsJsonArray("organizations")
                        .get(0)
                        .getAsJsonObject()
                        .get("name")
                        .getAsString());
        List<JournalEntry> tokenChecks = sim.journal().requests(Endpoint.TOKEN);
        assertFalse(tokenChecks.get(0).authValid());
        assertTrue(tokenChecks.get(tokenChecks.size() - 1).authValid());
    }

    @Test
    public void revokedTokenIsRejectedFromThenOn() throws Exception {
        assertEquals(200, http.get("/v3/organizations").status());
        sim.revokeToken(sim.token());
        assertEquals(401, http.get("/v3/organizations").status());
        sim.acceptToken(sim.token());
        assertEquals(200, http.get("/v3/organizations").status());
    }

    @Test
    public void unknownIdsAndPathsGet404WithTheV2Body() throws Exception {
        for (String path : new String[] {
            "/loadtests/v2/runs/999", "/loadtests/v2/tests/999", "/loadtests/v2/thresholds?test_run_id=999", "/nope"
        }) {
            SimHttp.Reply r = http.get(path);
            assertEquals(path, 404, r.status());
            assertEquals(path, "Not found.", r.obj("error").get("message").getAsString());
            assertEquals(path, 3, r.obj("error").get("code").getAsInt());
        }
        assertEquals(404, http.post("/loadtests/v2/tests/999/start-testrun").status());
        assertEquals(404, http.post("/loadtests/v2/runs/999/stop").status());
        assertEquals(405, http.get("/loadtests/v2/runs/1/stop").status());
        assertEquals(400, http.get("/loadtests/v2/thresholds").status());
    }

    @Test
    public void stackIdIsRecordedOnRequestsAndRuns() throws Exception {
        SimHttp.Reply r = http.send(http.builder("/loadtests/v2/tests/" + testId + "/start-testrun")
                .header("X-Stack-Id", "4242")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
        long runId = r.obj("k6-run").get("id").getAsLong();
        JournalEntry e = sim.journal().startsFor(testId).get(0);
        assertEquals("4242", e.stackId());
        assertEquals(Long.valueOf(runId), e.runId());
        assertEquals("4242", sim.journal().run(runId).stackId());
    }

    @Test
    public void aLoadTestIsReadable() throws Exception {
        long runId = http.start(testId);
        assertThat(
                new ArrayList<>(http.get("/loadtests/v2/tests/" + testId + "?$select=id,name")
                        .obj("k6-test")
                        .keySet()),
                contains("id", "name"));
        JsonObject test = http.get("/loadtests/v2/tests/" + testId).obj("k6-test");
        assertEquals("checkout", test.get("name").getAsString());
        assertEquals(runId, test.getAsJsonArray("test_run_ids").get(0).getAsLong());
        assertEquals(Long.toString(runId), test.get("last_test_run_id").getAsString());
    }

    @Test
    public void webAppPageNeedsNoToken() throws Exception {
        long runId = http.start(testId);
        SimHttp.Reply page = http.withAuthorization(null).get("/app/runs/" + runId);
        assertEquals(200, page.status());
        assertThat(page.body(), containsString("run " + runId));
        assertEquals(sim.baseUrl() + "/app", sim.webAppUrl());
    }

    @Test
    public void oddPayloadsUseStringsNullsAndOtherDateForms() throws Exception {
        long odd = sim.addLoadTest(Scenarios.byName("odd-payloads"));
        long runId = http.start(odd);
        clock.advance(Scenarios.byName("odd-payloads").timings().total());
        JsonObject run = http.run(runId);
        assertEquals(Long.toString(runId), run.get("id").getAsString());
        assertTrue(run.get("id").getAsJsonPrimitive().isString());
        assertEquals("3", run.get("run_status").getAsString());
        assertFalse(run.has("vus"));
        assertTrue(run.get("note").isJsonNull());
        assertTrue(run.has("k6_runtime_config"));
        assertEquals("2026-01-01 00:00:00.000000+00:00", run.get("created").getAsString());
        assertTrue(run.get("ended").getAsString().endsWith("Z"));
        JsonObject threshold = http.get("/loadtests/v2/thresholds?test_run_id=" + runId)
                .json()
                .getAsJsonArray("k6-thresholds")
                .get(0)
                .getAsJsonObject();
        assertTrue(threshold.get("calculated_value").getAsJsonPrimitive().isString());
    }

    private static List<Integer> statuses(JsonObject run) {
        return List.of(
                run.get("run_status").getAsInt(),
                run.get("processing_status").getAsInt(),
                run.get("result_status").getAsInt());
    }

    @Test
    public void passingRunWalksThroughEveryPhase() throws Exception {
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
    }

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
