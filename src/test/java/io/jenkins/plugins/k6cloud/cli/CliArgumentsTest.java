package io.jenkins.plugins.k6cloud.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.cli.CliArguments.Option;
import io.jenkins.plugins.k6cloud.cli.CliArguments.UsageException;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.Test;

public class CliArgumentsTest {

    /** Each row: the value expected, the option, then the command line. */
    private static final Object[][] READ = {
        {42L, Option.TEST_ID, "--test-id", "42"},
        {URI.create("https://api.k6.io"), Option.API_URL, "--api-url", "https://api.k6.io"},
        {URI.create("https://app.k6.io"), Option.WEB_URL, "--web-url=https://app.k6.io"},
        {Duration.ofSeconds(2), Option.POLL_INTERVAL, "--poll-interval", "2s"},
        {Duration.ofMinutes(90), Option.TIMEOUT, "--timeout", "1h30m"},
        {ApiFlavour.V6, Option.API_FLAVOUR, "--api-flavour", "v6"},
        {ApiFlavour.V2, Option.API_FLAVOUR, "--api-flavor=V2"},
        {4242L, Option.STACK_ID, "--stack-id=4242"},
        {Path.of("load/checkout.js"), Option.SCRIPT, "--script", "load/checkout.js"},
        {"shop", Option.TEST_NAME, "--script", "a.js", "--test-name", "shop"},
        {5L, Option.PROJECT_ID, "--script", "a.js", "--project-id", "5"},
        {"nightly", Option.NOTE, "--note", "nightly"},
        {"", Option.SIMULATE, "--simulate"},
        {"thresholds-fail", Option.SIMULATE, "--simulate", "thresholds-fail"},
        {"", Option.SIMULATE, "--simulate", "--timeout", "5m"},
        {Duration.ofMinutes(5), Option.TIMEOUT, "--simulate", "--timeout", "5m"},
        {true, Option.HELP, "--help"},
        {true, Option.HELP, "-h"},
    };

    @Test
    public void everyOptionIsRead() throws Exception {
        for (Object[] row : READ) {
            String[] args = Arrays.copyOfRange(row, 2, row.length, String[].class);
            assertEquals(
                    String.join(" ", args), row[0], CliArguments.parse(args).get((Option) row[1]));
        }
        CliArguments none = CliArguments.parse();
        for (Option o : Option.values()) {
            assertFalse(o.flag, none.has(o));
        }
    }

    /** Each row: what the message says, then the command line. */
    private static final String[][] BAD = {
        {"Unknown option --frobnicate", "--frobnicate"},
        {"Unexpected argument '42'", "42"},
        {"--test-id 'abc' is not a load test id", "--test-id", "abc"},
        {"give a positive number", "--test-id", "0"},
        {"give a positive number", "--test-id", "-5"},
        {"--test-id needs a value", "--test-id"},
        {"--test-id needs a value", "--test-id", "--timeout", "5m"},
        {"write it like 30s, 5m", "--timeout", "soon"},
        {"positive duration", "--poll-interval", "0s"},
        {"use 1s or more", "--poll-interval", "500ms"},
        {"--script is empty", "--script", " "},
        {"is not an http(s) URL", "--api-url", "ftp://x"},
        {"K6_CLOUD_TOKEN", "--token", "secret"},
        {"K6_CLOUD_TOKEN", "--api-token=secret"},
        {"give one of them", "--simulate", "--api-url", "https://api.k6.io"},
        {"use v2 (k6 Cloud) or v6 (Grafana Cloud k6)", "--api-flavour", "v7"},
        {"--stack-id 'stack-1' is not a stack id", "--stack-id", "stack-1"},
        {"give the script with --script", "--test-name", "x", "--test-id", "1"},
        {"give the script with --script", "--project-id", "5", "--test-id", "1"},
        {"give one of them", "--script", "a.js", "--test-id", "1", "--test-name", "x"},
        {"is not a project id", "--script", "a.js", "--project-id", "zero"},
        {"--test-name is empty", "--script", "a.js", "--test-name", " "},
        {"Grafana Cloud k6 takes at most 300", "--script", "a.js", "--test-name", "n".repeat(301)},
    };

    @Test
    public void badInputSaysWhatToFix() {
        for (String[] row : BAD) {
            String[] args = Arrays.copyOfRange(row, 1, row.length);
            String message = assertThrows(UsageException.class, () -> CliArguments.parse(args))
                    .getMessage();
            assertThat(String.join(" ", args), message, containsString(row[0]));
            assertThat(message, not(containsString("secret")));
        }
    }

    @Test
    public void theHelpListsEveryOptionOfTheTable() {
        for (Option o : Option.values()) {
            assertThat(CliArguments.USAGE, containsString("\n  " + o.flag + (o.value == null ? "" : " " + o.value)));
        }
        assertThat(CliArguments.USAGE, containsString("K6_CLOUD_STACK_ID"));
        assertThat(CliArguments.USAGE, containsString("\n                        k6 archive (.tar, from k6 archive)"));
    }

    @Test
    public void exitCodesFollowK6() {
        Map.of(
                        Verdict.PASSED, 0,
                        Verdict.STARTED, 0,
                        Verdict.THRESHOLDS_FAILED, 99,
                        Verdict.RUN_FAILED, 97,
                        Verdict.ABORTED_IN_K6, 97,
                        Verdict.UNTRUSTED, 97,
                        Verdict.CONFIGURATION_ERROR, 104,
                        Verdict.UNREACHABLE, 98,
                        Verdict.TIMED_OUT, 98,
                        Verdict.CANCELLED, 105)
                .forEach((verdict, code) -> assertEquals(verdict.name(), code.intValue(), ExitCodes.of(verdict)));
    }
}
