package io.jenkins.plugins.k6cloud.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;

/** The command-line runner with {@code --api-flavour v6} and {@code --stack-id}, in-process against the simulator. */
public class K6CloudCliV6Test {
    @Rule
    public final VirtualK6Cloud cloud = new VirtualK6Cloud();

    /** Runs with v6 against load test {@code testId} of the external k6 Cloud, with {@code more} options. */
    private int runV6(long testId, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--api-flavour", "v6", "--api-url", cloud.external.baseUrl(), "--test-id", String.valueOf(testId)));
        args.addAll(List.of(more));
        return cloud.cli().run(args.toArray(String[]::new));
    }

    private long externalTest() throws Exception {
        return cloud.external("tok-v6", 31337).addLoadTest(Scenarios.thresholdsFail());
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
        cloud.env.put(K6CloudCli.STACK_ID_VARIABLE, "31337");

        int code = runV6(testId, "--poll-interval", "2s");

        assertEquals(cloud.err(), 99, code);
        assertThat(
                cloud.out(),
                containsString("at " + cloud.external.baseUrl()
                        + " with Grafana Cloud k6 (v6), stack 31337 (poll every 2s, timeout 2h)"));
        assertThat(
                "the run page from the start answer",
                cloud.out(),
                containsString(cloud.external.webAppUrl() + "/runs/"));
        assertThat(cloud.out() + cloud.err(), not(containsString("tok-v6")));
        assertTrue(cloud.external.journal().requests().stream()
                .allMatch(e -> e.authValid() && VirtualK6Cloud.isV6(e) && "31337".equals(e.stackId())));
        assertThat(cloud.external.journal().runsLeftRunning(), empty());
    }

    @Test
    public void theStackIdOptionWinsOverTheEnvironment() throws Exception {
        long testId = externalTest();
        cloud.env.put(K6CloudCli.STACK_ID_VARIABLE, "1");
        assertEquals(cloud.err(), 99, runV6(testId, "--stack-id=31337"));
    }

    @Test
    public void v6WithoutAStackIdIsAUsageErrorBeforeAnyRequest() throws Exception {
        long testId = externalTest();
        assertEquals(2, runV6(testId));
        assertThat(cloud.err(), containsString("needs the id of your Grafana Cloud stack"));
        assertThat(cloud.err(), containsString("--stack-id"));
        assertEquals(0, cloud.external.journal().totalRequests());
    }

    @Test
    public void badFlavoursAndStackIdsSayWhatToFix() {
        assertEquals(2, cloud.cli().run("--api-flavour", "v7"));
        assertThat(cloud.err(), containsString("use v2 (k6 Cloud) or v6 (Grafana Cloud k6)"));
        assertEquals(2, cloud.cli().run("--stack-id", "stack-1"));
        assertThat(cloud.err(), containsString("--stack-id 'stack-1' is not a stack id"));
        cloud.env.put(K6CloudCli.STACK_ID_VARIABLE, "-3");
        cloud.env.put(K6CloudDefaults.TOKEN_VARIABLE, "a-token");
        assertEquals(2, cloud.cli().run("--api-flavour", "v6", "--api-url", "https://api.k6.io", "--test-id", "1"));
        assertThat(cloud.err(), containsString("K6_CLOUD_STACK_ID '-3' is not a stack id"));
    }

    @Test
    public void theSimulatorSpeaksV6Too() {
        assertEquals(99, cloud.cli().run("--simulate", "aborted-by-threshold", "--api-flavour", "v6"));
        assertEquals(97, cloud.cli().run("--simulate", "aborted-by-script-error", "--api-flavour", "v6"));
        assertThat(cloud.out(), containsString("ReferenceError"));
        assertTrue(cloud.sim.journal().requests().stream().allMatch(e -> VirtualK6Cloud.isV6(e)));
        assertThat(cloud.sim.journal().runsLeftRunning(), empty());
    }
}
