package io.jenkins.plugins.k6cloud.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.Rule;
import org.junit.Test;

/**
 * What {@link HttpK6CloudClient#getRunMetrics} puts on the wire on either flavour, and how it reads
 * the answers of the shapes (including nulls, missing sections and numbers as strings).
 */
public class RunMetricsWireTest {
    private static final String SUMMARY_TARGET =
            "/cloud/v5/test_runs(42)/result_summary?$select=metrics_summary,baseline_test_run_details";
    private static final String CHECKS_TARGET =
            "/loadtests/v4/test_runs(42)/checks?$select=name,metric_summary&$filter=group_id%20eq%20null";
    private static final String FULL = "{\"metrics_summary\":{\"http_metric_summary\":{\"requests_count\":6000,"
            + "\"failures_count\":12,\"rps_mean\":200.5,\"rps_max\":\"300\",\"duration\":{\"count\":6000,\"min\":21.5,"
            + "\"mean\":203.1,\"max\":656,\"p95\":312.4,\"p99\":437.4,\"stdev\":62.5},\"duration_median\":187.4},"
            + "\"checks_metric_summary\":{\"total\":2,\"successes\":1,\"hits_total\":12000,\"hits_successes\":11988},"
            + "\"thresholds_summary\":{\"total\":2,\"successes\":2},\"ws_metric_summary\":{\"msgs_sent\":10,"
            + "\"msgs_received\":9,\"sessions\":1,\"connecting\":{\"p95\":12.5},\"ping\":null},"
            + "\"grpc_metric_summary\":null,\"browser_metric_summary\":{\"web_vital_lcp_p75\":1800.5,"
            + "\"web_vital_cls_p75\":0.05,\"http_request_count\":40}},\"result_status\":0,"
            + "\"baseline_test_run_details\":{\"id\":40,\"metrics_summary\":{\"http_metric_summary\":"
            + "{\"duration\":{\"p95\":290}}}}}";
    private static final String CHECKS = "{\"value\":[{\"name\":\"status is 200\",\"metric_summary\":"
            + "{\"fail_count\":12,\"success_count\":5988,\"success_rate\":0.998}},{\"name\":\"body\","
            + "\"metric_summary\":null},{\"name\":null}]}";

    @Rule
    public final MockK6Cloud k6 = new MockK6Cloud();

    private HttpK6CloudClient client(ApiFlavour flavour, Long stack) {
        return k6.client(flavour, k6.options().withStackId(stack));
    }

    @Test
    public void v6ReadsBothEndpointsWithTheTokenSchemeAndTheStackId() throws Exception {
        k6.json(200, FULL);
        k6.json(200, CHECKS);

        RunMetrics m = client(ApiFlavour.V6, 4242L).getRunMetrics(42);

        for (String target : List.of(SUMMARY_TARGET, CHECKS_TARGET)) {
            RecordedRequest r = k6.take();
            assertEquals(target, r.getTarget());
            assertEquals("GET", r.getMethod());
            assertEquals("Token " + MockK6Cloud.TOKEN, r.getHeaders().get("Authorization"));
            assertEquals("4242", r.getHeaders().get("X-Stack-Id"));
        }
        assertEquals(42, m.runId());
        RunMetrics.Http http = m.summary().http();
        assertEquals(Long.valueOf(6000), http.requests());
        assertEquals(0.002, http.failureRate(), 1e-9);
        assertEquals(300.0, http.rpsMax(), 0);
        assertEquals(312.4, http.duration().p95(), 0);
        assertEquals(187.4, http.durationMedian(), 0);
        assertEquals(11988.0 / 12000, m.summary().checks().passedRate(), 1e-9);
        assertEquals(Long.valueOf(2), m.summary().thresholds().successes());
        assertEquals(12.5, m.summary().ws().connecting().p95(), 0);
        assertNull("a null trend is absent", m.summary().ws().ping());
        assertNull("a null section is absent", m.summary().grpc());
        assertEquals(1800.5, m.summary().browser().lcpP75(), 0);
        assertNull("a missing field is absent", m.summary().browser().fcpP75());
        assertEquals(40, m.baseline().runId());
        assertEquals(290.0, m.baseline().summary().http().duration().p95(), 0);
        assertNull(m.baseline().summary().checks());
        assertEquals(2, m.checks().size());
        assertEquals(
                new RunMetrics.Check("status is 200", 5988L, 12L, 0.998),
                m.checks().get(0));
        assertEquals(new RunMetrics.Check("body", null, null, null), m.checks().get(1));
        assertNull(m.checksUnavailable());
    }

    @Test
    public void v2SendsTheTokenSchemeAndNoStackIdWhenNoneIsConfigured() throws Exception {
        k6.json(200, "{\"metrics_summary\":{},\"baseline_test_run_details\":null}");
        k6.json(200, "{\"value\":null}");

        RunMetrics m = client(ApiFlavour.V2, null).getRunMetrics(42);

        RecordedRequest r = k6.take();
        assertEquals(SUMMARY_TARGET, r.getTarget());
        assertEquals("Token " + MockK6Cloud.TOKEN, r.getHeaders().get("Authorization"));
        assertNull(r.getHeaders().get("X-Stack-Id"));
        assertNull(m.summary().http());
        assertNull(m.summary().checks());
        assertNull(m.baseline());
        assertEquals(List.of(), m.checks());
    }

    @Test
    public void anAnswerWithoutAMetricsSummaryIsAProtocolFailureNamingTheRequest() {
        k6.json(200, "{\"metrics_summary\":null,\"baseline_test_run_details\":null}");

        ProtocolException e = assertThrows(
                ProtocolException.class, () -> client(ApiFlavour.V2, null).getRunMetrics(42));

        assertThat(e.getMessage(), containsString("GET /cloud/v5/test_runs(42)/result_summary"));
        assertThat(e.getMessage(), containsString("without a metrics summary"));
        assertEquals("the checks are not asked for", 1, k6.requestCount());
    }

    @Test
    public void checksThatCannotBeReadLeaveTheSummaryAndSayWhy() throws Exception {
        k6.json(200, FULL);
        k6.json(200, "{\"items\":[]}");

        RunMetrics m = client(ApiFlavour.V6, 4242L).getRunMetrics(42);

        assertEquals(312.4, m.summary().http().duration().p95(), 0);
        assertNull(m.checks());
        assertThat(m.checksUnavailable(), containsString("\"value\""));
        assertThat(m.checksUnavailable(), not(containsString(MockK6Cloud.TOKEN)));
    }

    @Test
    public void aRunIdThatIsNotPositiveIsRefusedBeforeAnyRequest() {
        assertThrows(
                IllegalArgumentException.class,
                () -> client(ApiFlavour.V2, null).getRunMetrics(0));
        assertEquals(0, k6.requestCount());
    }
}
