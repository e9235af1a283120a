package io.jenkins.plugins.k6cloud.simulator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** The simulator's v6 flavour: auth, shapes, the run's v6 statuses, idempotent start, abort and paging. */
public class V6RoutesTest extends SimHttpFixture {
    private SimHttp.Reply get(String path) throws Exception {
        return v6.get(path);
    }

    private SimHttp.Reply post(String path, String idempotencyKey) throws Exception {
        HttpRequest.Builder b = v6.builder(path).POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (idempotencyKey != null) {
            b.header("K6-Idempotency-Key", idempotencyKey);
        }
        return v6.send(b.build());
    }

    private JsonObject start(long testId, String key) throws Exception {
        SimHttp.Reply r = post("/cloud/v6/load_tests/" + testId + "/start", key);
        assertEquals(r.body(), 200, r.status());
        return r.json();
    }

    private JsonObject read(long runId) throws Exception {
        SimHttp.Reply r = get("/cloud/v6/test_runs/" + runId);
        assertEquals(r.body(), 200, r.status());
        return r.json();
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static void assertError(SimHttp.Reply r, int status, String code, String message) {
        assertEquals(r.body(), status, r.status());
        JsonObject error = r.json().getAsJsonObject("error");
        assertEquals(code, error.get("code").getAsString());
        assertEquals(message, error.get("message").getAsString());
    }

    @Test
    public void everyV6RequestNeedsABearerTokenAndTheStackId() throws Exception {
        String path = "/cloud/v6/projects";
        assertError(v6.withAuthorization(null).get(path), 401, "error", "Invalid token");
        assertError(v6.withAuthorization("Token " + sim.token()).get(path), 401, "error", "Invalid token");
        assertError(v6.withStackId(null).get(path), 400, "validation_error", "The X-Stack-Id header is required.");
        assertError(
                v6.withStackId(Long.toString(sim.stackId() + 1)).get(path),
                403,
                "permission_denied",
                "You do not have permission to perform this action.");
        SimHttp.Reply ok = get(path);
        assertEquals(200, ok.status());
        assertEquals(1, ok.json().getAsJsonArray("value").size());
        List<JournalEntry> checks = sim.journal().requests(Endpoint.TOKEN);
        assertThat(checks, hasSize(5));
        assertEquals(Long.toString(sim.stackId()), checks.get(4).stackId());
        assertTrue(checks.get(4).authValid());
    }

    @Test
    public void aRunShowsItsV6StatusesAndHistory() throws Exception {
        long testId = sim.addLoadTest(Scenarios.passes());
        JsonObject started = start(testId, null);
        long runId = started.get("id").getAsLong();
        assertEquals("created", string(started, "status"));
        assertNull(string(started, "result"));
        assertEquals(sim.webAppUrl() + "/runs/" + runId, string(started, "test_run_details_page_url"));
        Timings t = Scenarios.passes().timings();

        clock.advance(t.untilRunning());
        assertEquals("running", string(read(runId), "status"));
        assertNull("read runs have no page link", read(runId).get("test_run_details_page_url"));
        clock.advance(t.running());
        JsonObject processing = read(runId);
        assertEquals("processing_metrics", string(processing, "status"));
        assertNull(string(processing, "result"));
        clock.advance(t.processing());
        JsonObject done = read(runId);
        assertEquals("completed", string(done, "status"));
        assertEquals("passed", string(done, "result"));
        assertEquals(
                "completed", done.getAsJsonObject("status_details").get("type").getAsString());
        List<String> history = new ArrayList<>();
        for (JsonElement e : done.getAsJsonArray("status_history")) {
            history.add(e.getAsJsonObject().get("type").getAsString());
        }
        assertThat(
                history, contains("created", "queued", "initializing", "running", "processing_metrics", "completed"));
        for (String field : new String[] {
            "test_id",
            "project_id",
            "started_by",
            "created",
            "ended",
            "note",
            "retention_expiry",
            "cost",
            "distribution",
            "result_details",
            "options",
            "k6_dependencies",
            "k6_versions",
            "max_vus",
            "max_browser_vus",
            "estimated_duration",
            "execution_duration",
            "is_starred"
        }) {
            assertTrue("TestRunApiModel field " + field, done.has(field));
        }
        assertEquals(t.running().getSeconds(), done.get("execution_duration").getAsLong());
    }

    /** Each outcome's final v6 status, result and error as k6 Cloud v6 reports them. */
    @Test
    public void outcomesInV6Terms() throws Exception {
        assertFinal(Outcome.THRESHOLDS_FAIL, "completed", "failed", null);
        assertFinal(Outcome.ABORTED_BY_THRESHOLD, "aborted", "failed", null);
        assertFinal(Outcome.PROCESSING_ERROR, "completed", "error", "Metrics processing failed.");
        assertFinal(Outcome.ABORTED_BY_SYSTEM, "aborted", "error", Outcome.ABORTED_BY_SYSTEM.errorDetail());
        assertFinal(Outcome.ABORTED_BY_LIMIT, "aborted", "error", Outcome.ABORTED_BY_LIMIT.errorDetail());
        assertFinal(Outcome.TIMED_OUT, "aborted", "error", "The test run timed out.");
        JsonObject web = assertFinal(Outcome.STOPPED_IN_WEB_APP, "aborted", "error", null);
        assertEquals(
                V6Json.WEB_APP_USER,
                web.getAsJsonObject("status_details")
                        .getAsJsonObject("extra")
                        .get("by_user")
                        .getAsString());
        JsonObject system = assertFinal(Outcome.ABORTED_BY_SYSTEM, "aborted", "error", null);
        assertEquals(1042, system.getAsJsonObject("result_details").get("code").getAsInt());
        assertTrue(system.getAsJsonObject("status_details")
                .getAsJsonObject("extra")
                .get("by_user")
                .isJsonNull());
    }

    private JsonObject assertFinal(Outcome outcome, String status, String result, String message) throws Exception {
        Scenario s = Scenarios.of(outcome);
        long runId = start(sim.addLoadTest(s), null).get("id").getAsLong();
        clock.advance(s.timings().total());
        JsonObject run = read(runId);
        assertEquals(outcome + " status", status, string(run, "status"));
        assertEquals(outcome + " result", result, string(run, "result"));
        if (message != null) {
            assertEquals(outcome + " message", message, string(run.getAsJsonObject("result_details"), "message"));
        }
        return run;
    }

    @Test
    public void anUnknownStatusWhileRunning() throws Exception {
        Scenario s = Scenarios.of(Outcome.UNKNOWN_STATUS);
        long runId = start(sim.addLoadTest(s), null).get("id").getAsLong();
        clock.advance(s.timings().untilRunning());
        assertEquals(V6Json.UNKNOWN_STATUS, string(read(runId), "status"));
    }

    @Test
    public void theSameIdempotencyKeyWithinTenMinutesGivesTheSameRun() throws Exception {
        long testId = sim.addLoadTest(Scenarios.passes());
        long first = start(testId, "key-1").get("id").getAsLong();
        clock.advance(Duration.ofMinutes(9));
        assertEquals(first, start(testId, "key-1").get("id").getAsLong());
        assertNotEquals(first, start(testId, "key-2").get("id").getAsLong());
        clock.advance(Duration.ofMinutes(1));
        assertNotEquals(
                "the key has expired", first, start(testId, "key-1").get("id").getAsLong());
        assertThat(sim.journal().startsFor(testId), hasSize(4));
        assertThat(sim.journal().runsOf(testId), hasSize(3));
        assertError(
                post("/cloud/v6/load_tests/" + testId + "/start", "x".repeat(37)),
                400,
                "validation_error",
                "K6-Idempotency-Key must have 1 to 36 characters.");
    }

    @Test
    public void abortIs204ThenConflict() throws Exception {
        long runId = start(sim.addLoadTest(Scenarios.passes()), null).get("id").getAsLong();
        clock.advance(Duration.ofSeconds(12));
        SimHttp.Reply accepted = post("/cloud/v6/test_runs/" + runId + "/abort", null);
        assertEquals(204, accepted.status());
        assertEquals("", accepted.body());
        assertError(
                post("/cloud/v6/test_runs/" + runId + "/abort", null),
                409,
                "conflict",
                "Cannot abort a non-running test.");
        JsonObject run = read(runId);
        assertEquals("aborted", string(run, "status"));
        assertEquals("error", string(run, "result"));
        JsonArray history = run.getAsJsonArray("status_history");
        JsonObject last = history.get(history.size() - 1).getAsJsonObject();
        assertEquals("aborted", last.get("type").getAsString());
        assertEquals(
                V6Json.STARTED_BY, last.getAsJsonObject("extra").get("by_user").getAsString());
        assertTrue(sim.journal().runsLeftRunning().isEmpty());
        assertThat(sim.journal().stopsFor(runId), hasSize(2));
        assertTrue(sim.journal().run(runId).stoppedByUs());
        assertError(post("/cloud/v6/test_runs/99/abort", null), 404, "not_found", "Not found.");
    }

    @Test
    public void listsArePagedWithNextLink() throws Exception {
        long testId = sim.addLoadTest(Scenarios.passes());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(start(testId, null).get("id").getAsLong());
            clock.advance(Duration.ofSeconds(1));
        }
        String next = "/cloud/v6/load_tests/" + testId + "/test_runs?$top=2&$orderby=created%20desc&$count=true";
        List<Long> seen = new ArrayList<>();
        int pages = 0;
        while (next != null) {
            JsonObject page = get(next).json();
            pages++;
            for (JsonElement e : page.getAsJsonArray("value")) {
                seen.add(e.getAsJsonObject().get("id").getAsLong());
            }
            if (pages == 1) {
                assertEquals(5, page.get("@count").getAsInt());
            }
            String link = string(page, "@nextLink");
            assertTrue(link == null || link.startsWith(sim.baseUrl() + "/cloud/v6/"));
            next = link == null ? null : link.substring(sim.baseUrl().length());
        }
        assertEquals(3, pages);
        List<Long> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);
        assertThat(sim.journal().requests(Endpoint.LIST), hasSize(3));
        assertError(get("/cloud/v6/load_tests/999/test_runs"), 404, "not_found", "Not found.");
        assertError(
                get("/cloud/v6/load_tests/" + testId + "/test_runs?$top=1001"),
                400,
                "validation_error",
                "$top must be at most 1000, not 1001.");
    }

    @Test
    public void runListsHonourCreatedAfterAcrossPages() throws Exception {
        long testId = sim.addLoadTest(Scenarios.passes());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(start(testId, null).get("id").getAsLong());
            clock.advance(Duration.ofSeconds(10));
        }
        String bound = clock.instant().minusSeconds(30).toString(); // the last three runs are at or after it
        JsonObject page = get("/cloud/v6/load_tests/" + testId + "/test_runs?$top=2&$orderby=created%20desc"
                        + "&created_after=" + bound.replace(":", "%3A"))
                .json();
        List<Long> seen = new ArrayList<>();
        page.getAsJsonArray("value")
                .forEach(e -> seen.add(e.getAsJsonObject().get("id").getAsLong()));
        String link = string(page, "@nextLink");
        assertThat(link, org.hamcrest.Matchers.containsString("created_after="));
        get(link.substring(sim.baseUrl().length()))
                .json()
                .getAsJsonArray("value")
                .forEach(e -> seen.add(e.getAsJsonObject().get("id").getAsLong()));
        assertEquals(List.of(ids.get(4), ids.get(3), ids.get(2)), seen);
        assertError(
                get("/cloud/v6/load_tests/" + testId + "/test_runs?created_after=yesterday"),
                400,
                "validation_error",
                "created_after must be an ISO 8601 date-time, not \"yesterday\".");
    }

    @Test
    public void loadTestsAndUnknownPaths() throws Exception {
        long a = sim.addLoadTest("checkout", Scenarios.passes());
        JsonObject test = get("/cloud/v6/load_tests/" + a).json();
        assertEquals("checkout", test.get("name").getAsString());
        assertEquals(RunStore.PROJECT_ID, test.get("project_id").getAsLong());
        assertThat(sim.journal().requests(Endpoint.TESTS), hasSize(1));
        assertError(get("/cloud/v6/nothing/here"), 404, "not_found", "Not found.");
    }
}
