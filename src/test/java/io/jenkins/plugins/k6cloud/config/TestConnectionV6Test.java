package io.jenkins.plugins.k6cloud.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import hudson.util.FormValidation;
import hudson.util.FormValidation.Kind;
import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The API flavour in the glue: settings, the clients it builds, and what "Test connection" says. */
public class TestConnectionV6Test {
    private final OkHttpClient http = new OkHttpClient();
    private K6CloudSimulator sim;
    private K6CloudSimulator otherSim;

    @Before
    public void startSimulator() throws Exception {
        sim = K6CloudSimulator.builder().start();
    }

    @After
    public void stopSimulators() {
        sim.close();
        if (otherSim != null) {
            otherSim.close();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private RunConfig.Connection settings(ApiFlavour flavour, Long stackId) {
        return new RunConfig.Connection(flavour, sim.baseUrl(), stackId, "k6");
    }

    /** Form-check clients on a plain OkHttp client, each flavour at {@code sims[flavour]}. */
    private Function<ApiFlavour, K6CloudClient> clients(
            K6CloudSimulator v2, K6CloudSimulator v6, String token, Long stackId) {
        return f -> {
            RunConfig.Connection s = settings(f, stackId);
            return new HttpK6CloudClient(
                    f, http, (f == ApiFlavour.V2 ? v2 : v6).uri(), ApiToken.of(token), s.formCheckOptions());
        };
    }

    @Test
    public void existingSettingsAreV2() {
        RunConfig.Connection s = new RunConfig.Connection(null, sim.baseUrl(), null, "k6");
        assertEquals(ApiFlavour.V2, s.apiFlavour());
        assertEquals(ApiFlavour.V2, settings(null, null).apiFlavour());
        assertEquals(ApiFlavour.V6, s.withApiFlavour(ApiFlavour.V6).apiFlavour());
        assertEquals(s.apiUrl(), s.withApiFlavour(ApiFlavour.V6).apiUrl());
    }

    @Test
    public void theRunClientSpeaksTheConfiguredFlavour() throws Exception {
        ApiToken token = ApiToken.of(sim.token());
        K6CloudClient v6 = new HttpK6CloudClient(
                ApiFlavour.V6,
                http,
                sim.uri(),
                token,
                settings(ApiFlavour.V6, sim.stackId()).formCheckOptions());
        v6.checkToken();
        assertEquals(
                "/cloud/v6/projects",
                sim.journal().requests(Endpoint.TOKEN).get(0).path());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            RunConfig.Connection c = settings(ApiFlavour.V6, null);
            c.client(token, c.runOptions());
        });
        assertThat(e.getMessage(), containsString("needs the id of your Grafana Cloud stack"));
        assertEquals("nothing was sent for it", 1, sim.journal().totalRequests());
    }

    @Test
    public void aTokenThatWorksWithTheChosenFlavourIsAccepted() {
        FormValidation v = K6CloudGlobalConfiguration.checkToken(
                ApiFlavour.V6, sim.baseUrl(), clients(sim, sim, sim.token(), sim.stackId()));
        assertEquals(Kind.OK, v.kind);
        assertThat(v.getMessage(), containsString("with Grafana Cloud k6 (v6): the API token is accepted"));
        assertThat(sim.journal().requests(Endpoint.TOKEN), hasSize(1));
    }

    @Test
    public void aTokenRejectedByV2ButAcceptedByV6SaysToChooseV6() throws Exception {
        otherSim = K6CloudSimulator.builder().token("v6-only-token").start();
        FormValidation v = K6CloudGlobalConfiguration.checkToken(
                ApiFlavour.V2, sim.baseUrl(), clients(sim, otherSim, "v6-only-token", otherSim.stackId()));
        assertEquals(Kind.ERROR, v.kind);
        assertThat(v.getMessage(), containsString("does not accept this API token with k6 Cloud (v2"));
        assertThat(v.getMessage(), containsString("works with Grafana Cloud k6 (v6): choose that API"));
        assertThat(v.getMessage(), not(containsString("v6-only-token")));
        assertEquals(
                "/v3/organizations",
                sim.journal().requests(Endpoint.TOKEN).get(0).path());
        assertEquals(
                "/cloud/v6/projects",
                otherSim.journal().requests(Endpoint.TOKEN).get(0).path());
    }

    @Test
    public void aTokenRejectedByBothIsRejected() {
        FormValidation v = K6CloudGlobalConfiguration.checkToken(
                ApiFlavour.V6, sim.baseUrl(), clients(sim, sim, "nobodys-token", sim.stackId()));
        assertEquals(Kind.ERROR, v.kind);
        assertThat(v.getMessage(), containsString("rejected the API token (HTTP 401)"));
        assertThat("both flavours were asked", sim.journal().requests(Endpoint.TOKEN), hasSize(2));
    }

    @Test
    public void v6WithoutAStackIdIsReportedBeforeAnythingIsSent() {
        FormValidation v = K6CloudGlobalConfiguration.testConnection(sim.baseUrl(), "", "k6", ApiFlavour.V6);
        assertEquals(Kind.ERROR, v.kind);
        assertThat(v.getMessage(), containsString("needs the id of your Grafana Cloud stack"));
        assertEquals(0, sim.journal().totalRequests());
        FormValidation direct = K6CloudGlobalConfiguration.checkToken(
                ApiFlavour.V6, sim.baseUrl(), clients(sim, sim, sim.token(), null));
        assertThat(direct.getMessage(), containsString(HttpK6CloudClient.MISSING_STACK_ID.substring(0, 40)));
        assertEquals(0, sim.journal().totalRequests());
    }
}
