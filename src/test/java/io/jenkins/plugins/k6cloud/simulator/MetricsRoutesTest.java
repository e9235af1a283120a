package io.jenkins.plugins.k6cloud.simulator;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import io.jenkins.plugins.k6cloud.testing.ManualClock;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The simulator's metrics routes: the Token scheme on either API, the stack id when sent, the shapes. */
public class MetricsRoutesTest {
    private static final String SUMMARY =
            "/cloud/v5/test_runs(%d)/result_summary" + "?$select=metrics_summary,baseline_test_run_details";
    private static final String CHECKS =
            "/loadtests/v4/test_runs(%d)/checks?$select=name,metric_summary&$filter=group_id%%20eq%%20null";

    private final ManualClock clock = new ManualClock();
    private K6CloudSimulator sim;
    private SimHttp http;
    private long runId;

    @Before
    public void startSimulator() throws Exception {
        sim = K6CloudSimulator.builder().clock(clock).stackId(777).start();
        http = new SimHttp(sim);
        runId = http.start(sim.addLoadTest(Scenarios.thresholdsFail()));
        clock.advance(Scenarios.thresholdsFail().timings().total().plusSeconds(1));
    }

    @After
    public void stopSimulator() {
        sim.close();
    }

    @Test
    public void theSummaryHasEverySectionOnceProcessed() throws Exception {
        SimHttp.Reply r = http.get(String.format(SUMMARY, runId));

        assertEquals(200, r.status());
        JsonObject m = r.obj("metrics_summary");
        JsonObject http = m.getAsJsonObject("http_metric_summary");
        assertEquals(812.7, http.getAsJsonObject("duration").get("p95").getAsDouble(), 0);
        assertEquals(1, m.getAsJsonObject("thresholds_summary").get("successes").getAsInt());
        assertTrue(m.get("ws_metric_summary").isJsonNull());
        assertTrue(
                "the first run has no baseline",
                r.json().get("baseline_test_run_details").isJsonNull());
        assertEquals(Endpoint.METRICS, sim.journal().requests().get(1).endpoint());
    }

    @Test
    public void theChecksAreTheTopLevelOnes() throws Exception {
        SimHttp.Reply r = http.get(String.format(CHECKS, runId));

        assertEquals(200, r.status());
        JsonObject first = r.json().getAsJsonArray("value").get(0).getAsJsonObject();
        assertEquals("status is 200", first.get("name").getAsString());
        assertEquals(
                12, first.getAsJsonObject("metric_summary").get("fail_count").getAsInt());
    }

    @Test
    public void bearerIsRefusedAndAWrongStackIdIsForbidden() throws Exception {
        String path = String.format(SUMMARY, runId);
        assertEquals(
                401, http.withAuthorization("Bearer " + sim.token()).get(path).status());
        assertEquals(403, http.withStackId("778").get(path).status());
        assertEquals(200, http.withStackId("777").get(path).status());
        assertEquals(404, http.get(String.format(SUMMARY, 99L)).status());
    }

    @Test
    public void aNotFoundFaultAnswers404Once() throws Exception {
        sim.faults().inject(Endpoint.CHECKS, Fault.notFound());

        assertEquals(404, http.get(String.format(CHECKS, runId)).status());
        assertEquals(200, http.get(String.format(CHECKS, runId)).status());
    }
}
