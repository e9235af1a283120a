package io.jenkins.plugins.k6cloud.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
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
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.support.FormChecks;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** "Test connection" and the load test look-up against the simulator, through the form-check clients of the glue. */
public class TestConnectionTest {
    private final OkHttpClient http = new OkHttpClient();
    private K6CloudSimulator sim;
    private K6CloudSimulator other;

    @Before
    public void startSimulator() throws Exception {
        sim = K6CloudSimulator.builder().start();
        other = K6CloudSimulator.builder().token("v6-only-token").start();
    }

    @After
    public void stopSimulators() {
        sim.close();
        other.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /**
     * The form-check clients of {@link RunConfig.Connection#formCheckOptions()}, v2 at {@code v2} and v6 at
     * {@code v6}, on a plain OkHttp client (Jenkins' proxy settings need a running Jenkins).
     */
    private Function<ApiFlavour, K6CloudClient> clients(
            K6CloudSimulator v2, K6CloudSimulator v6, String token, Long stackId) {
        return f -> new HttpK6CloudClient(
                f,
                http,
                (f == ApiFlavour.V2 ? v2 : v6).uri(),
                ApiToken.of(token),
                new RunConfig.Connection(f, v2.baseUrl(), stackId, "k6").formCheckOptions());
    }

    private FormValidation check(ApiFlavour chosen, K6CloudSimulator v2, K6CloudSimulator v6, String token) {
        return K6CloudGlobalConfiguration.checkToken(chosen, sim.baseUrl(), clients(v2, v6, token, v6.stackId()));
    }

    private static void assertSays(FormValidation v, Kind kind, String text) {
        assertEquals(v.getMessage(), kind, v.kind);
        assertThat(v.getMessage(), containsString(text));
    }

    @Test
    public void anAcceptedTokenIsReportedWithItsFlavour() {
        assertSays(
                check(ApiFlavour.V2, sim, sim, sim.token()),
                Kind.OK,
                "with k6 Cloud (v2, legacy loadtests API): the API token is accepted");
        assertSays(
                check(ApiFlavour.V6, sim, sim, sim.token()),
                Kind.OK,
                "with Grafana Cloud k6 (v6): the API token is accepted");
        assertEquals(
                List.of("/v3/organizations", "/cloud/v6/projects"),
                sim.journal().requests(Endpoint.TOKEN).stream()
                        .map(e -> e.path())
                        .toList());
    }

    @Test
    public void aRejectedTokenSaysWhatToCheckWithoutShowingItOrWhichFlavourTakesIt() {
        FormValidation v = check(ApiFlavour.V6, sim, sim, "nobodys-token");
        assertSays(v, Kind.ERROR, "rejected the API token (HTTP 401)");
        assertThat(v.getMessage(), not(containsString("nobodys-token")));
        assertEquals("both flavours were asked", 2, sim.journal().count(Endpoint.TOKEN));

        v = check(ApiFlavour.V2, sim, other, "v6-only-token");
        assertSays(v, Kind.ERROR, "does not accept this API token with k6 Cloud (v2");
        assertThat(v.getMessage(), containsString("works with Grafana Cloud k6 (v6): choose that API"));
        assertThat(v.getMessage(), not(containsString("v6-only-token")));
        assertEquals(3, sim.journal().count(Endpoint.TOKEN));
        assertEquals(1, other.journal().count(Endpoint.TOKEN));
    }

    @Test
    public void aFailedCallIsAnErrorWithTheReasonAfterOneAttempt() {
        sim.faults().inject(Endpoint.TOKEN, 3, Fault.serverError(503));
        assertEquals(Kind.ERROR, check(ApiFlavour.V2, sim, sim, sim.token()).kind);
        sim.journal().awaitRequests(e -> e.endpoint() == Endpoint.TOKEN, 1, Duration.ofSeconds(10));
        assertEquals(2, sim.faults().pending(Endpoint.TOKEN));
        other.close();
        assertSays(check(ApiFlavour.V2, other, other, sim.token()), Kind.ERROR, "Could not connect to k6 Cloud");
    }

    @Test
    public void badSettingsAreReportedBeforeAnythingIsSent() {
        String[][] typed = { // stack id, credentials id, flavour, what Test connection says
            {"my-stack", "k6", "v2", "is not a Grafana stack id"},
            {"", " ", null, "Choose the"},
            {"", "k6", "v9", "v9"},
            {"", "k6", "v6", "needs the id of your Grafana Cloud stack"}
        };
        for (String[] t : typed) {
            assertSays(K6CloudGlobalConfiguration.testConnection(sim.baseUrl(), t[0], t[1], t[2]), Kind.ERROR, t[3]);
        }
        assertSays(
                K6CloudGlobalConfiguration.checkToken(
                        ApiFlavour.V6, sim.baseUrl(), clients(sim, sim, sim.token(), null)),
                Kind.ERROR,
                HttpK6CloudClient.MISSING_STACK_ID.substring(0, 40));
        RunConfig.Connection noStack = new RunConfig.Connection(ApiFlavour.V6, sim.baseUrl(), null, "k6");
        assertThrows(IllegalArgumentException.class, () -> noStack.client(ApiToken.of("t"), noStack.runOptions()));
        // without chosen credentials a job's test id is checked without asking k6 Cloud (nor Jenkins: offline)
        assertEquals(Kind.OK, FormChecks.loadTest(null, "1234", " ").kind);
        assertEquals(Kind.OK, FormChecks.loadTest(null, "1234", null).kind);
        assertEquals(Kind.ERROR, FormChecks.loadTest(null, "12x", "k6").kind);
        assertEquals(Kind.OK, FormChecks.loadTest(null, "${K6_TEST_ID}", "k6").kind);
        assertEquals(0, sim.journal().totalRequests());
    }

    @Test
    public void theLoadTestLookUpShowsItsName() {
        long id = sim.addLoadTest("checkout flow", Scenarios.passes());
        K6CloudClient client = clients(sim, sim, sim.token(), null).apply(ApiFlavour.V2);
        assertSays(FormChecks.describeLoadTest(client, id), Kind.OK, "Load test " + id + ": checkout flow");
        assertSays(FormChecks.describeLoadTest(client, 987654), Kind.ERROR, "No load test 987654 is visible");
    }
}
