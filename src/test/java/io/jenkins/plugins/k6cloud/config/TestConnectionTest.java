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
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.support.FormChecks;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import io.jenkins.plugins.k6cloud.testing.SimulatorRule;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.Rule;
import org.junit.Test;

/** "Test connection" and the load test look-up against the simulator, through the form-check clients of the glue. */
public class TestConnectionTest {
    @Rule
    public final SimulatorRule k6 = new SimulatorRule();

    @Rule
    public final SimulatorRule other = new SimulatorRule();

    /**
     * The form-check clients of {@link RunConfig.Connection#formCheckOptions()}, v2 at {@code v2} and v6 at
     * {@code v6}, on a plain OkHttp client (Jenkins' proxy settings need a running Jenkins).
     */
    private static Function<ApiFlavour, K6CloudClient> clients(
            SimulatorRule v2, SimulatorRule v6, String token, Long stackId) {
        RunConfig.Connection c = new RunConfig.Connection(null, null, stackId, null);
        return f -> (f == ApiFlavour.V2 ? v2 : v6).client(f, token, o -> c.formCheckOptions());
    }

    private FormValidation check(ApiFlavour chosen, SimulatorRule v2, SimulatorRule v6, String token) {
        return K6CloudGlobalConfiguration.checkToken(
                chosen, v2.sim().baseUrl(), clients(v2, v6, token, v6.sim().stackId()));
    }

    private static void assertSays(FormValidation v, Kind kind, String text) {
        assertEquals(v.getMessage(), kind, v.kind);
        assertThat(v.getMessage(), containsString(text));
    }

    @Test
    public void anAcceptedTokenIsReportedWithItsFlavour() {
        assertSays(
                check(ApiFlavour.V2, k6, k6, k6.sim().token()),
                Kind.OK,
                "with k6 Cloud (v2, legacy loadtests API): the API token is accepted");
        assertSays(
                check(ApiFlavour.V6, k6, k6, k6.sim().token()),
                Kind.OK,
                "with Grafana Cloud k6 (v6): the API token is accepted");
        assertEquals(
                List.of("/v3/organizations", "/cloud/v6/projects"),
                k6.sim().journal().requests(Endpoint.TOKEN).stream()
                        .map(e -> e.path())
                        .toList());
    }

    @Test
    public void aRejectedTokenSaysWhatToCheckWithoutShowingItOrWhichFlavourTakesIt() {
        FormValidation v = check(ApiFlavour.V6, k6, k6, "nobodys-token");
        assertSays(v, Kind.ERROR, "rejected the API token (HTTP 401)");
        assertThat(v.getMessage(), not(containsString("nobodys-token")));
        assertEquals("both flavours were asked", 2, k6.sim().journal().count(Endpoint.TOKEN));

        other.sim().acceptToken("v6-only-token");
        v = check(ApiFlavour.V2, k6, other, "v6-only-token");
        assertSays(v, Kind.ERROR, "does not accept this API token with k6 Cloud (v2");
        assertThat(v.getMessage(), containsString("works with Grafana Cloud k6 (v6): choose that API"));
        assertThat(v.getMessage(), not(containsString("v6-only-token")));
        assertEquals(3, k6.sim().journal().count(Endpoint.TOKEN));
        assertEquals(1, other.sim().journal().count(Endpoint.TOKEN));
    }

    @Test
    public void aFailedCallIsAnErrorWithTheReasonAfterOneAttempt() {
        k6.sim().faults().inject(Endpoint.TOKEN, 3, Fault.serverError(503));
        assertEquals(Kind.ERROR, check(ApiFlavour.V2, k6, k6, k6.sim().token()).kind);
        k6.sim().journal().awaitRequests(e -> e.endpoint() == Endpoint.TOKEN, 1, Duration.ofSeconds(10));
        assertEquals(2, k6.sim().faults().pending(Endpoint.TOKEN));
        other.sim().close();
        assertSays(check(ApiFlavour.V2, other, other, k6.sim().token()), Kind.ERROR, "Could not connect to k6 Cloud");
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
            assertSays(
                    K6CloudGlobalConfiguration.testConnection(k6.sim().baseUrl(), t[0], t[1], t[2]), Kind.ERROR, t[3]);
        }
        assertSays(
                K6CloudGlobalConfiguration.checkToken(
                        ApiFlavour.V6,
                        k6.sim().baseUrl(),
                        clients(k6, k6, k6.sim().token(), null)),
                Kind.ERROR,
                HttpK6CloudClient.MISSING_STACK_ID.substring(0, 40));
        RunConfig.Connection noStack =
                new RunConfig.Connection(ApiFlavour.V6, k6.sim().baseUrl(), null, "k6");
        assertThrows(IllegalArgumentException.class, () -> noStack.client(ApiToken.of("t"), noStack.runOptions()));
        // without chosen credentials a job's test id is checked without asking k6 Cloud (nor Jenkins: offline)
        assertEquals(Kind.OK, FormChecks.loadTest(null, "1234", " ").kind);
        assertEquals(Kind.OK, FormChecks.loadTest(null, "1234", null).kind);
        assertEquals(Kind.ERROR, FormChecks.loadTest(null, "12x", "k6").kind);
        assertEquals(Kind.OK, FormChecks.loadTest(null, "${K6_TEST_ID}", "k6").kind);
        assertEquals(0, k6.sim().journal().totalRequests());
    }

    @Test
    public void theLoadTestLookUpShowsItsName() {
        long id = k6.sim().addLoadTest("checkout flow", Scenarios.passes());
        K6CloudClient client = clients(k6, k6, k6.sim().token(), null).apply(ApiFlavour.V2);
        assertSays(FormChecks.describeLoadTest(client, id), Kind.OK, "Load test " + id + ": checkout flow");
        assertSays(FormChecks.describeLoadTest(client, 987654), Kind.ERROR, "No load test 987654 is visible");
    }
}
