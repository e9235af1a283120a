package io.jenkins.plugins.k6cloud.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.engine.Verdict;
import java.net.URI;
import java.time.Duration;
import org.junit.Test;

public class CliArgumentsTest {

    private static String error(String... args) {
        return assertThrows(CliArguments.UsageException.class, () -> CliArguments.parse(args))
                .getMessage();
    }

    @Test
    public void readsEveryOption() throws Exception {
        CliArguments o = CliArguments.parse(
                "--test-id",
                "42",
                "--api-url",
                "https://api.k6.io",
                "--web-url=https://app.k6.io",
                "--poll-interval",
                "2s",
                "--timeout",
                "1h30m");
        assertEquals(Long.valueOf(42), o.testId());
        assertEquals(URI.create("https://api.k6.io"), o.apiUrl());
        assertEquals("https://app.k6.io", o.webUrl());
        assertEquals(Duration.ofSeconds(2), o.pollInterval());
        assertEquals(Duration.ofMinutes(90), o.timeout());
        assertFalse(o.simulate());
        assertFalse(o.help());
    }

    @Test
    public void simulateTakesAnOptionalScenario() throws Exception {
        assertNull(CliArguments.parse("--simulate").scenario());
        assertTrue(CliArguments.parse("--simulate").simulate());
        assertEquals(
                "thresholds-fail",
                CliArguments.parse("--simulate", "thresholds-fail").scenario());
        CliArguments o = CliArguments.parse("--simulate", "--timeout", "5m");
        assertNull(o.scenario());
        assertEquals(Duration.ofMinutes(5), o.timeout());
        assertTrue(CliArguments.parse("--help").help());
    }

    @Test
    public void badInputSaysWhatToFix() {
        assertThat(error("--frobnicate"), containsString("Unknown option --frobnicate"));
        assertThat(error("42"), containsString("Unexpected argument '42'"));
        assertThat(error("--test-id", "abc"), containsString("is not a number"));
        assertThat(error("--test-id", "0"), containsString("give a positive number"));
        assertThat(error("--test-id", "-5"), containsString("give a positive number"));
        assertThat(error("--test-id"), containsString("--test-id needs a value"));
        assertThat(error("--timeout", "soon"), containsString("write it like 30s, 5m"));
        assertThat(error("--poll-interval", "0s"), containsString("positive duration"));
        assertThat(error("--api-url", "ftp://x"), containsString("is not an http(s) URL"));
        assertThat(error("--token", "secret"), containsString("K6_CLOUD_TOKEN"));
        assertThat(error("--token=secret"), org.hamcrest.Matchers.not(containsString("secret")));
        assertThat(error("--simulate", "--api-url", "https://api.k6.io"), containsString("give one of them"));
    }

    @Test
    public void exitCodesFollowK6() {
        assertEquals(0, ExitCodes.of(Verdict.PASSED));
        assertEquals(0, ExitCodes.of(Verdict.STARTED));
        assertEquals(99, ExitCodes.of(Verdict.THRESHOLDS_FAILED));
        assertEquals(97, ExitCodes.of(Verdict.RUN_FAILED));
        assertEquals(104, ExitCodes.of(Verdict.CONFIGURATION_ERROR));
        assertEquals(97, ExitCodes.of(Verdict.ABORTED_IN_K6));
        assertEquals(97, ExitCodes.of(Verdict.UNTRUSTED));
        assertEquals(98, ExitCodes.of(Verdict.UNREACHABLE));
        assertEquals(98, ExitCodes.of(Verdict.TIMED_OUT));
        assertEquals(105, ExitCodes.of(Verdict.CANCELLED));
    }
}
