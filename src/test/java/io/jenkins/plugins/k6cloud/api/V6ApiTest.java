package io.jenkins.plugins.k6cloud.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import org.junit.Test;

/** How {@link V6Api} maps every v6 status and result onto the run model the verdict table reads. */
public class V6ApiTest {

    /** Sample S11 of the API notes: a v6 run aborted by a user. */
    static final String ABORTED_BY_USER = "{\"id\": 1234, \"test_id\": 123, \"project_id\": 12,"
            + " \"started_by\": \"user@example.com\", \"created\": \"2024-06-01T19:00:00Z\","
            + " \"ended\": \"2024-06-01T19:03:12Z\", \"note\": \"\", \"retention_expiry\": \"2024-07-01T19:03:12Z\","
            + " \"cost\": null, \"status\": \"aborted\", \"status_details\": {\"type\": \"aborted\","
            + " \"entered\": \"2024-06-01T19:03:12Z\", \"extra\": {\"by_user\": \"user@example.com\","
            + " \"message\": null, \"code\": null}}, \"status_history\": ["
            + " {\"type\": \"created\", \"entered\": \"2024-06-01T19:00:00Z\"},"
            + " {\"type\": \"initializing\", \"entered\": \"2024-06-01T19:00:10Z\"},"
            + " {\"type\": \"running\", \"entered\": \"2024-06-01T19:00:20Z\"},"
            + " {\"type\": \"aborted\", \"entered\": \"2024-06-01T19:03:12Z\","
            + " \"extra\": {\"by_user\": \"user@example.com\", \"message\": null, \"code\": null}}],"
            + " \"distribution\": [{\"load_zone\": \"amazon:us:ashburn\", \"percent\": 100}],"
            + " \"result\": \"error\", \"result_details\": {\"type\": \"error\", \"message\": null, \"code\": null},"
            + " \"options\": null, \"k6_dependencies\": {}, \"k6_versions\": {\"k6\": \"v0.56.0\"},"
            + " \"max_vus\": 10, \"max_browser_vus\": 0, \"estimated_duration\": 1800, \"execution_duration\": 172,"
            + " \"is_starred\": false}";

    private static TestRun run(String status, String result) {
        return run(status, result, "");
    }

    private static TestRun run(String status, String result, String more) {
        String json =
                "{\"id\":7,\"test_id\":3,\"status\":" + quoted(status) + ",\"result\":" + quoted(result) + more + "}";
        return V6Api.run(JsonParser.parseString(json).getAsJsonObject(), null);
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private static void assertMapped(TestRun run, RunStatus status, ProcessingStatus processing, ResultStatus result) {
        assertEquals("run_status", status, run.runStatus());
        assertEquals("processing", processing, run.processingStatus());
        assertEquals("result", result, run.resultStatus());
    }

    @Test
    public void sampleRunAbortedByAUser() {
        JsonObject o = JsonParser.parseString(ABORTED_BY_USER).getAsJsonObject();
        TestRun run = V6Api.run(o, null);
        assertEquals(1234, run.id());
        assertEquals(Long.valueOf(123), run.testId());
        assertMapped(run, RunStatus.ABORTED_BY_USER, ProcessingStatus.FINISHED, ResultStatus.UNKNOWN);
        assertEquals(Instant.parse("2024-06-01T19:00:00Z"), run.created());
        assertEquals("started = entered running", Instant.parse("2024-06-01T19:00:20Z"), run.started());
        assertEquals(Instant.parse("2024-06-01T19:03:12Z"), run.ended());
        assertEquals(Integer.valueOf(10), run.vus());
        assertEquals(Integer.valueOf(1800), run.durationSeconds());
        assertNull("read runs carry no page link", run.webUrl());
        assertNull(run.errorDetail());
    }

    @Test
    public void statusesBeforeTheEnd() {
        assertMapped(run("created", null), RunStatus.CREATED, ProcessingStatus.UNKNOWN, ResultStatus.UNKNOWN);
        assertMapped(run("queued", null), RunStatus.QUEUED, ProcessingStatus.UNKNOWN, ResultStatus.UNKNOWN);
        assertMapped(run("initializing", null), RunStatus.INITIALIZING, ProcessingStatus.UNKNOWN, ResultStatus.UNKNOWN);
        assertMapped(run("running", null), RunStatus.RUNNING, ProcessingStatus.UNKNOWN, ResultStatus.UNKNOWN);
        assertTrue(run("queued", null).runStatus().isBeforeRunning());
        assertFalse(run("running", null).runStatus().isTerminal());
    }

    @Test
    public void processingMetricsHasEndedButIsNotProcessed() {
        TestRun run = run("processing_metrics", null);
        assertMapped(run, RunStatus.FINISHED, ProcessingStatus.PROCESSING, ResultStatus.UNKNOWN);
        assertFalse(run.processingStatus().isDone());
        assertEquals(ResultStatus.FAILED, run("processing_metrics", "failed").resultStatus());
        assertEquals(ResultStatus.PASSED, run("processing_metrics", "passed").resultStatus());
    }

    @Test
    public void completedRuns() {
        assertMapped(run("completed", "passed"), RunStatus.FINISHED, ProcessingStatus.FINISHED, ResultStatus.PASSED);
        assertMapped(run("completed", "failed"), RunStatus.FINISHED, ProcessingStatus.FINISHED, ResultStatus.FAILED);
        assertMapped(run("completed", null), RunStatus.FINISHED, ProcessingStatus.FINISHED, ResultStatus.UNKNOWN);
    }

    @Test
    public void completedWithAnErrorResultReadsAsAFailedRunWithItsMessage() {
        TestRun run = run(
                "completed",
                "error",
                ",\"result_details\":{\"type\":\"error\",\"message\":\"Metrics processing failed.\",\"code\":17}");
        // "the execution was not completed": k6 exits 97 for it, so it is a failed run, not an untrusted pass
        assertEquals(RunStatus.ABORTED_BY_SYSTEM, run.runStatus());
        assertEquals(ProcessingStatus.FINISHED, run.processingStatus());
        assertNull(run.resultStatusCode());
        assertEquals("Metrics processing failed.", run.errorDetail());
        assertEquals(Integer.valueOf(17), run.errorCode());
    }

    @Test
    public void abortedWithAFailedResultIsAnAbortByThreshold() {
        assertMapped(
                run("aborted", "failed"),
                RunStatus.ABORTED_BY_THRESHOLD,
                ProcessingStatus.FINISHED,
                ResultStatus.FAILED);
    }

    @Test
    public void abortedByAUserIsFoundInTheDetailsOrInTheHistory() {
        String details = ",\"status_details\":{\"type\":\"aborted\",\"extra\":{\"by_user\":\"a@example.com\"}}";
        assertEquals(RunStatus.ABORTED_BY_USER, run("aborted", "error", details).runStatus());
        String history = ",\"status_details\":{\"type\":\"aborted\",\"extra\":null},\"status_history\":["
                + "{\"type\":\"running\",\"entered\":\"2024-06-01T19:00:20Z\"},"
                + "{\"type\":\"aborted\",\"extra\":{\"by_user\":\"b@example.com\"}}]";
        TestRun run = run("aborted", "error", history);
        assertEquals(RunStatus.ABORTED_BY_USER, run.runStatus());
        assertEquals(Instant.parse("2024-06-01T19:00:20Z"), run.started());
    }

    @Test
    public void otherAbortsAreAbortsBySystemQuotingTheirError() {
        TestRun fromResult = run(
                "aborted",
                "error",
                ",\"result_details\":{\"type\":\"error\",\"message\":\"Load generators failed\",\"code\":1042},"
                        + "\"status_details\":{\"type\":\"aborted\",\"extra\":{\"by_user\":null,"
                        + "\"message\":\"other\",\"code\":9}}");
        assertMapped(fromResult, RunStatus.ABORTED_BY_SYSTEM, ProcessingStatus.FINISHED, ResultStatus.UNKNOWN);
        assertEquals("Load generators failed", fromResult.errorDetail());
        assertEquals(Integer.valueOf(1042), fromResult.errorCode());

        TestRun fromExtra = run(
                "aborted",
                "error",
                ",\"result_details\":{\"type\":\"error\",\"message\":\" \",\"code\":null},"
                        + "\"status_details\":{\"type\":\"aborted\",\"extra\":{\"by_user\":null,"
                        + "\"message\":\"Script error\",\"code\":\"2001\"}}");
        assertEquals(RunStatus.ABORTED_BY_SYSTEM, fromExtra.runStatus());
        assertEquals("Script error", fromExtra.errorDetail());
        assertEquals(Integer.valueOf(2001), fromExtra.errorCode());

        TestRun bare = run("aborted", null);
        assertEquals(RunStatus.ABORTED_BY_SYSTEM, bare.runStatus());
        assertNull(bare.errorDetail());
    }

    @Test
    public void unknownOrMissingStatusesAreUnknownAndNeverTerminal() {
        for (String status : new String[] {"warming_up", "", null}) {
            TestRun run = run(status, "passed");
            assertEquals(RunStatus.UNKNOWN, run.runStatus());
            assertNull(run.runStatusCode());
            assertFalse(run.runStatus().isTerminal());
        }
        assertEquals(
                "the API's words are kept for the console",
                "warming_up",
                run("warming_up", null).statusText());
        assertNull(run("", null).statusText());
        assertNull("known statuses need no text", run("running", null).statusText());
    }

    @Test
    public void statusAndResultAreReadCaseInsensitively() {
        assertEquals(RunStatus.ABORTED_BY_THRESHOLD, run("Aborted", "FAILED").runStatus());
    }

    @Test
    public void startAnswerLinksTheRunPage() {
        TestRun run = run("created", null, ",\"test_run_details_page_url\":\"https://x.grafana.net/a/k6-app/runs/7\"");
        assertEquals("https://x.grafana.net/a/k6-app/runs/7", run.webUrl());
    }

    @Test
    public void idsAsStringsAndMissingIds() {
        JsonObject o =
                JsonParser.parseString("{\"id\":\"42\",\"status\":\"running\"}").getAsJsonObject();
        assertEquals(42, V6Api.run(o, null).id());
        JsonObject noId = JsonParser.parseString("{\"status\":\"running\"}").getAsJsonObject();
        assertNull(V6Api.run(noId, null));
        assertEquals(5, V6Api.run(noId, 5L).id());
    }

    @Test
    public void loadTests() {
        JsonObject o = JsonParser.parseString("{\"id\":12,\"project_id\":3,\"name\":\"checkout\","
                        + "\"created\":\"2024-12-03T09:53:00.553\"}")
                .getAsJsonObject();
        assertEquals(new LoadTest(12, "checkout", 3L), K6CloudJson.loadTest(o, 12));
    }
}
