package io.jenkins.plugins.k6cloud.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import org.junit.Test;

/** Mapping v2 payloads, as documented and as they may really come, into the model. */
public class V2ApiTest {

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
}
