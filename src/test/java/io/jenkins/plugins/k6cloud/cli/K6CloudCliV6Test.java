package io.jenkins.plugins.k6cloud.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.After;
import org.junit.Test;

/** The command-line runner with {@code --api-flavour v6} and {@code --stack-id}, in-process against the simulator. */
public class K6CloudCliV6Test {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();
    private final VirtualK6Cloud cloud = new VirtualK6Cloud();
    private K6CloudSimulator external;

    @After
    public void closeExternal() {
        if (external != null) {
            external.close();
        }
    }

    private K6CloudCli cli() {
        return cloud.cli(outBytes, errBytes, env);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private long externalTest() throws Exception {
        external = K6CloudSimulator.builder()
                .clock(cloud.clock)
                .token("tok-v6")
                .stackId(31337)
                .start();
        env.put(K6CloudDefaults.TOKEN_VARIABLE, "tok-v6");
        return external.addLoadTest(Scenarios.thresholdsFail());
    }

    @Test
    public void parsesTheFlavourAndTheStackId() throws Exception {
        CliArguments o = CliArguments.parse("--api-flavour", "v6", "--stack-id=4242");
        assertEquals(ApiFlavour.V6, o.apiFlavour());
        assertEquals(Long.valueOf(4242), o.stackId());
        assertEquals(ApiFlavour.V2, CliArguments.parse("--api-flavor=V2").apiFlavour());
        assertEquals(null, CliArguments.parse("--simulate").apiFlavour());
        assertThat(CliArguments.USAGE, containsString("--api-flavour v2|v6"));
        assertThat(CliArguments.USAGE, containsString("K6_CLOUD_STACK_ID"));
    }

    @Test
    public void aRealV6ApiIsFollowedWithTheStackIdFromTheEnvironment() throws Exception {
        long testId = externalTest();
        env.put(K6CloudCli.STACK_ID_VARIABLE, "31337");

        int code = cli().run(
                        "--api-flavour",
                        "v6",
                        "--api-url",
                        external.baseUrl(),
                        "--test-id",
                        String.valueOf(testId),
                        "--poll-interval",
                        "2s");

        assertEquals(err(), 99, code);
        assertThat(
                out(),
                containsString("at " + external.baseUrl()
                        + " with Grafana Cloud k6 (v6), stack 31337 (poll every 2s, timeout 2h)"));
        assertThat("the run page from the start answer", out(), containsString(external.webAppUrl() + "/runs/"));
        assertThat(out() + err(), not(containsString("tok-v6")));
        assertTrue(external.journal().requests().stream()
                .allMatch(e -> e.authValid() && isV6(e) && "31337".equals(e.stackId())));
        assertThat(external.journal().runsLeftRunning(), empty());
    }

    @Test
    public void theStackIdOptionWinsOverTheEnvironment() throws Exception {
        long testId = externalTest();
        env.put(K6CloudCli.STACK_ID_VARIABLE, "1");
        assertEquals(
                err(),
                99,
                cli().run(
                                "--api-flavour=v6",
                                "--stack-id",
                                "31337",
                                "--api-url",
                                external.baseUrl(),
                                "--test-id",
                                String.valueOf(testId)));
    }

    @Test
    public void v6WithoutAStackIdIsAUsageErrorBeforeAnyRequest() throws Exception {
        long testId = externalTest();
        assertEquals(
                2,
                cli().run("--api-flavour", "v6", "--api-url", external.baseUrl(), "--test-id", String.valueOf(testId)));
        assertThat(err(), containsString("needs the id of your Grafana Cloud stack"));
        assertThat(err(), containsString("--stack-id"));
        assertEquals(0, external.journal().totalRequests());
    }

    @Test
    public void badFlavoursAndStackIdsSayWhatToFix() {
        assertEquals(2, cli().run("--api-flavour", "v7"));
        assertThat(err(), containsString("use v2 (k6 Cloud) or v6 (Grafana Cloud k6)"));
        assertEquals(2, cli().run("--stack-id", "stack-1"));
        assertThat(err(), containsString("--stack-id 'stack-1' is not a stack id"));
        env.put(K6CloudCli.STACK_ID_VARIABLE, "-3");
        env.put(K6CloudDefaults.TOKEN_VARIABLE, "a-token");
        assertEquals(2, cli().run("--api-flavour", "v6", "--api-url", "https://api.k6.io", "--test-id", "1"));
        assertThat(err(), containsString("K6_CLOUD_STACK_ID '-3' is not a stack id"));
    }

    @Test
    public void theSimulatorSpeaksV6Too() {
        assertEquals(99, cli().run("--simulate", "aborted-by-threshold", "--api-flavour", "v6"));
        assertEquals(97, cli().run("--simulate", "aborted-by-script-error", "--api-flavour", "v6"));
        assertThat(out(), containsString("ReferenceError"));
        assertTrue(cloud.sim.journal().requests().stream().allMatch(e -> isV6(e)));
        assertThat(cloud.sim.journal().runsLeftRunning(), empty());
    }

    /**
     * A request of the v6 API; the metrics read after the verdict uses the endpoints Grafana's own CI
     * action reads (/cloud/v5 and /loadtests/v4) with either flavour.
     */
    private static boolean isV6(io.jenkins.plugins.k6cloud.simulator.JournalEntry e) {
        return e.path().startsWith("/cloud/v6/") || e.endpoint() == Endpoint.METRICS || e.endpoint() == Endpoint.CHECKS;
    }
}
