package io.jenkins.plugins.k6cloud.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;

import hudson.util.FormValidation;
import hudson.util.FormValidation.Kind;
import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.support.FormChecks;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The form checks that ask k6 Cloud, through the clients the glue builds, against the simulator. */
public class TestConnectionTest {
    private final OkHttpClient http = new OkHttpClient();
    private K6CloudSimulator sim;
    private RunConfig.Connection settings;

    @Before
    public void startSimulator() throws Exception {
        sim = K6CloudSimulator.builder().start();
        settings = new RunConfig.Connection(null, sim.baseUrl(), null, "k6");
    }

    @After
    public void stopSimulator() {
        sim.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** The form-check client, on a plain OkHttp client (Jenkins' proxy settings need a running Jenkins). */
    private K6CloudClient client(String token) {
        return new HttpK6CloudClient(
                ApiFlavour.V2, http, settings.apiUri(), ApiToken.of(token), settings.formCheckOptions());
    }

    /** What Test connection says with {@code client} for the v2 API (and, if it rejects the token, for v6). */
    private static FormValidation checkToken(K6CloudClient client, String apiUrl) {
        return K6CloudGlobalConfiguration.checkToken(ApiFlavour.V2, apiUrl, f -> client);
    }

    @Test
    public void acceptedTokenIsReported() {
        FormValidation v = checkToken(client(sim.token()), sim.baseUrl());
        assertEquals(Kind.OK, v.kind);
        assertThat(v.getMessage(), containsString("the API token is accepted"));
    }

    @Test
    public void rejectedTokenSaysWhatToCheckWithoutShowingIt() {
        FormValidation v = checkToken(client("wrong-token-value"), sim.baseUrl());
        assertEquals(Kind.ERROR, v.kind);
        assertThat(v.getMessage(), containsString("rejected the API token (HTTP 401)"));
        assertThat(v.getMessage(), not(containsString("wrong-token-value")));
    }

    @Test
    public void unreachableServerIsAnErrorWithTheReason() {
        String url = sim.baseUrl();
        sim.close();
        FormValidation v = checkToken(client(sim.token()), url);
        assertEquals(Kind.ERROR, v.kind);
        assertThat(v.getMessage(), containsString("Could not connect to k6 Cloud"));
    }

    @Test
    public void knownLoadTestShowsItsName() {
        long id = sim.addLoadTest("checkout flow", Scenarios.passes());
        FormValidation v = FormChecks.describeLoadTest(client(sim.token()), id);
        assertEquals(Kind.OK, v.kind);
        assertEquals("Load test " + id + ": checkout flow", v.getMessage());
    }

    @Test
    public void unknownLoadTestIsAnError() {
        FormValidation v = FormChecks.describeLoadTest(client(sim.token()), 987654);
        assertEquals(Kind.ERROR, v.kind);
        assertThat(v.getMessage(), containsString("No load test 987654 is visible"));
    }

    @Test
    public void formChecksAnswerAfterOneAttempt() {
        sim.faults().inject(Endpoint.TOKEN, 3, Fault.serverError(503));
        FormValidation v = checkToken(client(sim.token()), sim.baseUrl());
        assertEquals(Kind.ERROR, v.kind);
        sim.journal().awaitRequests(e -> e.endpoint() == Endpoint.TOKEN, 1, Duration.ofSeconds(10));
        assertEquals(2, sim.faults().pending(Endpoint.TOKEN));
    }

    @Test
    public void stackIdIsCheckedBeforeAnythingIsSent() {
        FormValidation v = K6CloudGlobalConfiguration.testConnection(sim.baseUrl(), "my-stack", "k6", ApiFlavour.V2);
        assertEquals(Kind.ERROR, v.kind);
        assertThat(v.getMessage(), containsString("is not a Grafana stack id"));
        assertEquals(0, sim.journal().totalRequests());
    }

    @Test
    public void missingCredentialsAreReportedBeforeAnythingIsSent() {
        FormValidation v = K6CloudGlobalConfiguration.testConnection(sim.baseUrl(), "", " ", ApiFlavour.V2);
        assertEquals(Kind.ERROR, v.kind);
        assertThat(v.getMessage(), containsString("Choose the"));
    }

    @Test
    public void withoutChosenCredentialsTheTestIdIsCheckedWithoutAskingK6Cloud() {
        // offline the global configuration cannot be read: reaching for it would throw
        assertEquals(Kind.OK, FormChecks.loadTest(null, "1234", " ").kind);
        assertEquals(Kind.OK, FormChecks.loadTest(null, "1234", null).kind);
        assertEquals(Kind.ERROR, FormChecks.loadTest(null, "12x", "k6").kind);
        assertEquals(Kind.OK, FormChecks.loadTest(null, "${K6_TEST_ID}", "k6").kind);
        assertEquals(0, sim.journal().totalRequests());
    }
}
