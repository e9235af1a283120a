package io.jenkins.plugins.k6cloud.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import org.junit.Test;

/** How v2 and v6 payloads, as documented and as they may really come, map onto the run model the verdict table reads. */
public class RunMappingTest {
    private static JsonObject o(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    @Test
    public void theDocumentedReadExampleMapsWithItsExtraFieldsIgnored() {
        TestRun run = V2Api.run(
                o("{\"config\":{},\"created\":\"2020-08-18T13:33:41\",\"duration\":120,"
                        + "\"ended\":\"2020-08-18T13:36:02\",\"error_code\":null,\"error_detail\":null,\"export\":null,"
                        + "\"id\":2342002,\"is_baseline\":false,\"k6_archive\":\"string\",\"load_time\":75.0,\"note\":\"\","
                        + "\"organization_id\":0,\"processing_status\":2,\"project_id\":0,\"public_id\":null,"
                        + "\"request_builder_config\":null,\"result_status\":1,\"run_process\":\"k6 to Cloud\","
                        + "\"run_status\":3,\"script\":\"\",\"started\":\"2020-08-18T13:34:04\",\"stopped_by_id\":0,"
                        + "\"test_id\":481516,\"user_id\":0,\"version\":2,\"vus\":200,\"vus_per_instance\":0}"),
                null);

        assertEquals(2342002, run.id());
        assertEquals(Long.valueOf(481516), run.testId());
        assertEquals(RunStatus.FINISHED, run.runStatus());
        assertEquals(ProcessingStatus.FINISHED, run.processingStatus());
        assertEquals(ResultStatus.FAILED, run.resultStatus());
        assertEquals(Instant.parse("2020-08-18T13:33:41Z"), run.created());
        assertEquals(Instant.parse("2020-08-18T13:34:04Z"), run.started());
        assertEquals(Instant.parse("2020-08-18T13:36:02Z"), run.ended());
        assertEquals(Integer.valueOf(200), run.vus());
        assertEquals(Integer.valueOf(120), run.durationSeconds());
        assertNull(run.errorCode());
        assertNull(run.errorDetail());
        assertNull(run.webUrl());
    }

    @Test
    public void stringsForNumbersAndTheStartExamplePlaceholdersAreRead() {
        TestRun run = V2Api.run(
                o(
                        "{\"id\":\"2342004\",\"test_id\":\"481516\",\"run_status\":\"6\","
                                + "\"processing_status\":\"3\",\"result_status\":\"0\",\"vus\":\"5000\",\"duration\":\"300.0\","
                                + "\"error_code\":\"1042\",\"error_detail\":\"Load generator instances failed to start\","
                                + "\"created\":\"2020-08-13T18:28:45Z\",\"version\":\"string\",\"public_id\":0,"
                                + "\"k6_runtime_config\":{\"testRunDetails\":\"https://acme.grafana.net/a/k6-app/runs/2342004\"}}"),
                null);

        assertEquals(2342004, run.id());
        assertEquals(RunStatus.ABORTED_BY_SYSTEM, run.runStatus());
        assertEquals(ProcessingStatus.ERROR, run.processingStatus());
        assertEquals(ResultStatus.PASSED, run.resultStatus());
        assertEquals(Integer.valueOf(5000), run.vus());
        assertEquals(Integer.valueOf(300), run.durationSeconds());
        assertEquals(Integer.valueOf(1042), run.errorCode());
        assertEquals("Load generator instances failed to start", run.errorDetail());
        assertEquals("https://acme.grafana.net/a/k6-app/runs/2342004", run.webUrl());
    }

    @Test
    public void everyDocumentedStatusCodeMaps() {
        RunStatus[] expected = {
            RunStatus.CREATED,
            RunStatus.VALIDATED,
            RunStatus.QUEUED,
            RunStatus.INITIALIZING,
            RunStatus.RUNNING,
            RunStatus.FINISHED,
            RunStatus.TIMED_OUT,
            RunStatus.ABORTED_BY_USER,
            RunStatus.ABORTED_BY_SYSTEM,
            RunStatus.ABORTED_BY_SCRIPT_ERROR,
            RunStatus.ABORTED_BY_THRESHOLD,
            RunStatus.ABORTED_BY_LIMIT,
            RunStatus.ARCHIVED
        };
        for (int code = -2; code <= 10; code++) {
            TestRun run = V2Api.run(
                    o("{\"id\":1,\"run_status\":" + code + ",\"processing_status\":" + (code & 3)
                            + ",\"result_status\":" + (code & 1) + "}"),
                    null);
            assertEquals(expected[code + 2], run.runStatus());
            assertEquals(Integer.valueOf(code), run.runStatusCode());
            assertEquals(code & 3, run.processingStatus().code());
            assertEquals(code & 1, run.resultStatus().code());
        }
        TestRun unknown = V2Api.run(o("{\"id\":1,\"run_status\":11}"), null);
        assertEquals(RunStatus.UNKNOWN, unknown.runStatus());
        assertFalse(unknown.runStatus().isTerminal());
        assertEquals(Integer.valueOf(11), unknown.runStatusCode());
    }

    @Test
    public void everythingButTheIdMayBeMissingOrNull() {
        TestRun run = V2Api.run(
                o("{\"id\":5,\"test_id\":null,\"run_status\":null,\"created\":null,"
                        + "\"started\":\"not a date\",\"vus\":{}}"),
                null);
        assertEquals(5, run.id());
        assertNull(run.testId());
        assertNull(run.runStatusCode());
        assertEquals(RunStatus.UNKNOWN, run.runStatus());
        assertEquals(ProcessingStatus.UNKNOWN, run.processingStatus());
        assertEquals(ResultStatus.UNKNOWN, run.resultStatus());
        assertNull(run.created());
        assertNull(run.started());
        assertNull(run.vus());

        assertNull("no id, no fallback: skipped", V2Api.run(o("{\"run_status\":2}"), null));
        assertEquals(
                "the id asked for stands in",
                9,
                V2Api.run(o("{\"run_status\":2}"), 9L).id());
    }

    @Test
    public void thresholdsReadTaintedLenientlyAndAlwaysHaveAName() {
        Threshold crossed = V2Api.threshold(o("{\"name\":\"http_req_duration: p(95)<500\",\"stat\":\"p(95)\","
                + "\"calculated_value\":\"612.5\",\"tainted\":1}"));
        assertEquals(new Threshold("http_req_duration: p(95)<500", "p(95)", 612.5, true), crossed);
        assertFalse(crossed.passed());

        Threshold noValue = V2Api.threshold(o("{\"id\":166100,\"calculated_value\":null,\"tainted\":null}"));
        assertEquals(new Threshold("threshold 166100", null, null, false), noValue);
        assertTrue(noValue.passed());
        assertEquals("(unnamed threshold)", V2Api.threshold(o("{}")).name());
    }

    @Test
    public void loadTestsTolerateOddFields() {
        assertEquals(
                new LoadTest(7, "Checkout", 3L),
                K6CloudJson.loadTest(
                        o("{\"id\":\"7\",\"name\":\"Checkout\","
                                + "\"project_id\":3.0,\"last_test_run_id\":\"string\",\"test_run_ids\":[1]}"),
                        99));
        assertEquals(new LoadTest(7, null, null), K6CloudJson.loadTest(o("{\"name\":null}"), 7L));
    }

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
        String what = run.statusText() + " " + run.runStatusCode();
        assertEquals(what, status, run.runStatus());
        assertEquals(what, processing, run.processingStatus());
        assertEquals(what, result, run.resultStatus());
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
    public void everyV6StatusAndResultMapsOntoTheRunModel() {
        String u = "UNKNOWN";
        String[][] rows = { // status, result: run_status, processing_status, result_status
            {"created", null, "CREATED", u, u},
            {"queued", null, "QUEUED", u, u},
            {"initializing", null, "INITIALIZING", u, u},
            {"running", null, "RUNNING", u, u},
            {"processing_metrics", null, "FINISHED", "PROCESSING", u},
            {"processing_metrics", "failed", "FINISHED", "PROCESSING", "FAILED"},
            {"processing_metrics", "passed", "FINISHED", "PROCESSING", "PASSED"},
            {"completed", "passed", "FINISHED", "FINISHED", "PASSED"},
            {"completed", "failed", "FINISHED", "FINISHED", "FAILED"},
            {"completed", null, "FINISHED", "FINISHED", u},
            {"aborted", "failed", "ABORTED_BY_THRESHOLD", "FINISHED", "FAILED"},
            {"Aborted", "FAILED", "ABORTED_BY_THRESHOLD", "FINISHED", "FAILED"}, // any case
        };
        for (String[] row : rows) {
            assertMapped(
                    run(row[0], row[1]),
                    RunStatus.valueOf(row[2]),
                    ProcessingStatus.valueOf(row[3]),
                    ResultStatus.valueOf(row[4]));
        }
        assertTrue(run("queued", null).runStatus().isBeforeRunning());
        assertFalse(run("running", null).runStatus().isTerminal());
        assertFalse(run("processing_metrics", null).processingStatus().isDone());
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
    public void idsAsStringsAndMissingIds() {
        JsonObject o =
                JsonParser.parseString("{\"id\":\"42\",\"status\":\"running\"}").getAsJsonObject();
        assertEquals(42, V6Api.run(o, null).id());
        JsonObject noId = JsonParser.parseString("{\"status\":\"running\"}").getAsJsonObject();
        assertNull(V6Api.run(noId, null));
        assertEquals(5, V6Api.run(noId, 5L).id());
    }
}
