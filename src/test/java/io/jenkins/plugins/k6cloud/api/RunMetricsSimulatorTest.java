package io.jenkins.plugins.k6cloud.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.K6CloudException.NotFoundException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ServerException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.TransportException;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.Outcome;
import io.jenkins.plugins.k6cloud.simulator.Scenario;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.testing.SimulatorRule;
import java.time.Duration;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

/**
 * The metrics read against the simulator's metrics routes, on both flavours: the figures, k6's
 * baseline, the payloads with nulls and missing sections, and every fault giving a typed failure
 * whose message never holds the token.
 */
public class RunMetricsSimulatorTest {
    @Rule
    public final SimulatorRule rig = new SimulatorRule();

    private HttpK6CloudClient client(ApiFlavour flavour) {
        return rig.client(flavour, o -> o);
    }

    /** A run of {@code scenario} that has ended and been processed. */
    private long finishedRun(HttpK6CloudClient client, long testId, Scenario scenario) throws Exception {
        long runId = client.startRun(testId).id();
        rig.clock.advance(scenario.timings().total().plusSeconds(1));
        return runId;
    }

    @Test
    public void bothFlavoursReadTheFiguresTheSimulatorDerivesFromTheScenario() throws Exception {
        for (ApiFlavour flavour : ApiFlavour.values()) {
            HttpK6CloudClient client = client(flavour);
            long testId = rig.sim().addLoadTest("checkout " + flavour, Scenarios.passes());
            long first = finishedRun(client, testId, Scenarios.passes());
            long second = finishedRun(client, testId, Scenarios.passes());

            RunMetrics m = client.getRunMetrics(second);

            assertEquals(second, m.runId());
            assertEquals(312.4, m.summary().http().duration().p95(), 1e-9); // the scenario's p95 threshold value
            assertEquals(0.002, m.summary().http().failureRate(), 1e-9); // its http_req_failed value
            assertEquals(Long.valueOf(50 * 30 * 4), m.summary().http().requests());
            assertEquals(Long.valueOf(2), m.summary().thresholds().total());
            assertNull(m.summary().ws());
            assertNull(m.summary().browser());
            assertEquals(
                    "k6's baseline is the test's first run", first, m.baseline().runId());
            assertEquals(
                    List.of("status is 200", "body has items"),
                    m.checks().stream().map(RunMetrics.Check::name).toList());
            assertFalse(m.checks().get(0).passed());
            assertTrue(m.checks().get(1).passed());
            assertNull(client.getRunMetrics(first).baseline());

            List<JournalEntry> reads = rig.sim()
                    .journal()
                    .requests(e -> e.endpoint() == Endpoint.METRICS || e.endpoint() == Endpoint.CHECKS);
            JournalEntry last = reads.get(reads.size() - 1);
            assertEquals(Endpoint.CHECKS, last.endpoint());
            assertTrue("the simulator accepted the Token scheme", last.authValid());
            assertEquals("group_id eq null", last.param("$filter"));
            assertEquals(flavour == ApiFlavour.V6 ? Long.toString(rig.sim().stackId()) : null, last.stackId());
        }
    }

    @Test
    public void oddPayloadsReadWithNullsAndMissingSectionsAsAbsentValues() throws Exception {
        Scenario odd = Scenarios.of(Outcome.ODD_PAYLOADS);
        HttpK6CloudClient client = client(ApiFlavour.V2);
        long runId = finishedRun(client, rig.sim().addLoadTest(odd), odd);

        RunMetrics m = client.getRunMetrics(runId);

        assertEquals(
                "numbers as strings", Long.valueOf(6000), m.summary().http().requests());
        assertNull("duration: null", m.summary().http().duration());
        assertNotNull(m.summary().http().durationMedian());
        assertNull("checks_metric_summary left out", m.summary().checks());
        assertNull(m.summary().grpc());
        assertEquals("unnamed checks are skipped", 3, m.checks().size());
        assertNull(m.checks().get(2).failures());
    }

    @Test
    public void beforeProcessingEndsEverySectionIsAbsent() throws Exception {
        HttpK6CloudClient client = client(ApiFlavour.V2);
        long runId = client.startRun(rig.sim().addLoadTest(Scenarios.passes())).id();

        RunMetrics m = client.getRunMetrics(runId);

        assertNull(m.summary().http());
        assertNull(m.summary().thresholds());
        assertEquals(List.of(), m.checks());
    }

    @Test
    public void notFoundIsATypedFailureWithoutRetries() throws Exception {
        HttpK6CloudClient client = client(ApiFlavour.V6);
        long runId = finishedRun(client, rig.sim().addLoadTest(Scenarios.passes()), Scenarios.passes());
        rig.sim().faults().inject(Endpoint.METRICS, Fault.notFound());

        NotFoundException e = assertThrows(NotFoundException.class, () -> client.getRunMetrics(runId));

        assertThat(e.getMessage(), containsString("/result_summary"));
        assertEquals(1, rig.sim().journal().count(Endpoint.METRICS));
        assertEquals(0, rig.sim().journal().count(Endpoint.CHECKS));
        assertThrows("an unknown run is 404 too", NotFoundException.class, () -> client.getRunMetrics(99));
    }

    @Test
    public void serverErrorsPastTheRetryBudgetAreATypedFailure() throws Exception {
        HttpK6CloudClient client = client(ApiFlavour.V2);
        long runId = finishedRun(client, rig.sim().addLoadTest(Scenarios.passes()), Scenarios.passes());
        rig.sim().faults().inject(Endpoint.METRICS, 5, Fault.serverError(500));

        ServerException e = assertThrows(ServerException.class, () -> client.getRunMetrics(runId));

        assertThat(e.getMessage(), containsString("gave up after 5 attempts"));
        assertEquals(5, rig.sim().journal().count(Endpoint.METRICS));
    }

    @Test
    public void aServerErrorWithinTheBudgetIsRetried() throws Exception {
        HttpK6CloudClient client = client(ApiFlavour.V2);
        long runId = finishedRun(client, rig.sim().addLoadTest(Scenarios.passes()), Scenarios.passes());
        rig.sim().faults().inject(Endpoint.METRICS, 2, Fault.serverError(500));

        assertNotNull(client.getRunMetrics(runId).summary().http());
        assertEquals(3, rig.sim().journal().count(Endpoint.METRICS));
    }

    @Test
    public void aTimeoutIsATypedFailure() throws Exception {
        HttpK6CloudClient client = rig.client(
                ApiFlavour.V2,
                o -> o.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(2)));
        long runId = finishedRun(client, rig.sim().addLoadTest(Scenarios.passes()), Scenarios.passes());
        rig.sim().faults().inject(Endpoint.METRICS, 5, Fault.latency(Duration.ofMillis(400))); // every attempt

        TransportException e = assertThrows(TransportException.class, () -> client.getRunMetrics(runId));

        assertThat(e.getMessage(), containsString("GET /cloud/v5/test_runs(" + runId + ")/result_summary"));
        assertThat(e.getMessage(), containsString("gave up after 5 attempts"));
        assertThat(e.getMessage(), not(containsString(rig.sim().token())));
    }

    @Test
    public void malformedJsonIsATypedFailure() throws Exception {
        HttpK6CloudClient client = client(ApiFlavour.V6);
        long runId = finishedRun(client, rig.sim().addLoadTest(Scenarios.passes()), Scenarios.passes());
        rig.sim().faults().inject(Endpoint.METRICS, 5, Fault.malformedJson());

        ProtocolException e = assertThrows(ProtocolException.class, () -> client.getRunMetrics(runId));

        assertThat(e.getMessage(), containsString("instead of JSON"));
        assertThat(e.getMessage(), not(containsString(rig.sim().token())));
    }

    @Test
    public void aFailedChecksReadKeepsTheSummary() throws Exception {
        HttpK6CloudClient client = client(ApiFlavour.V2);
        long runId = finishedRun(client, rig.sim().addLoadTest(Scenarios.passes()), Scenarios.passes());
        rig.sim().faults().inject(Endpoint.CHECKS, Fault.notFound());

        RunMetrics m = client.getRunMetrics(runId);

        assertNotNull(m.summary().http());
        assertNull(m.checks());
        assertThat(m.checksUnavailable(), containsString("/checks"));
    }
}
