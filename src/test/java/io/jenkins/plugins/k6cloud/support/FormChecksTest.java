package io.jenkins.plugins.k6cloud.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import hudson.EnvVars;
import hudson.util.FormValidation;
import hudson.util.FormValidation.Kind;
import java.util.Map;
import org.junit.Test;

public class FormChecksTest {
    @Test
    public void testId() {
        assertEquals(Kind.OK, FormChecks.testId("1234").kind);
        assertEquals(Kind.OK, FormChecks.testId("${K6_TEST_ID}").kind);
        assertThat(FormChecks.testId("${K6_TEST_ID}").getMessage(), containsString("when the build runs"));
        assertError(FormChecks.testId(""), "empty");
        assertError(FormChecks.testId("12a"), "is not a load test id");
        assertThat(FormChecks.testId("12a").getMessage(), containsString("12a"));
        assertError(FormChecks.testId("-1"), "positive whole number");
    }

    @Test
    public void withoutAJobTheTestIdIsCheckedAsTypedAndNotLookedUp() {
        // no Jenkins here: a look-up (global configuration, credentials, k6 Cloud) would throw
        assertError(FormChecks.checkTestId(null, "12a", "k6-token"), "is not a load test id");
        assertEquals(Kind.OK, FormChecks.checkTestId(null, "1234", "k6-token").kind);
    }

    @Test
    public void maxRegressionIsEmptyOrAPercentage() {
        assertEquals(Kind.OK, FormChecks.checkMaxRegression("").kind);
        assertEquals(Kind.OK, FormChecks.checkMaxRegression(null).kind);
        assertEquals(Kind.OK, FormChecks.checkMaxRegression("12.5%").kind);
        assertError(FormChecks.checkMaxRegression("12"), "maxRegression must be a percentage such as");
    }

    @Test
    public void theTestIdMayBeLeftOutOnlyWithAScript() {
        assertEquals(Kind.OK, FormChecks.checkTestIdOrScript(null, "", "k6-token", "load/checkout.js").kind);
        assertEquals(Kind.OK, FormChecks.checkTestIdOrScript(null, "0", "k6-token", "load/checkout.js").kind);
        assertError(FormChecks.checkTestIdOrScript(null, "", "k6-token", " "), "or a k6 script");
        assertError(
                FormChecks.checkTestIdOrScript(null, "12a", "k6-token", "load/checkout.js"), "is not a load test id");
    }

    @Test
    public void workspacePathsAreRelative() {
        assertEquals(Kind.OK, FormChecks.checkWorkspacePath("load/checkout.js", "x").kind);
        assertEquals(Kind.OK, FormChecks.checkWorkspacePath("", "x").kind);
        assertEquals(Kind.OK, FormChecks.checkWorkspacePath("${SCRIPT}", "x").kind);
        assertError(FormChecks.checkWorkspacePath("/etc/k6.js", "load/checkout.js"), "relative to the workspace");
        assertError(FormChecks.checkWorkspacePath("C:\\k6.js", "load/checkout.js"), "e.g. load/checkout.js");
    }

    @Test
    public void testNamesAndProjectIds() {
        assertEquals(Kind.OK, FormChecks.checkTestName("Checkout").kind);
        assertError(FormChecks.checkTestName("x".repeat(301)), "has 301");
        assertEquals(Kind.OK, FormChecks.checkProjectId("").kind);
        assertEquals(Kind.OK, FormChecks.checkProjectId("${K6_PROJECT}").kind);
        assertError(FormChecks.checkProjectId("p1"), "is not a project id");
        assertEquals(Long.valueOf(42), FormChecks.parseProjectId(" 42 "));
        assertEquals(null, FormChecks.parseProjectId(""));
        IllegalArgumentException e =
                org.junit.Assert.assertThrows(IllegalArgumentException.class, () -> FormChecks.parseProjectId("0"));
        assertThat(e.getMessage(), containsString("'0' is not a project id"));
    }

    @Test
    public void emptyStepDurationsUseTheGlobalDefault() {
        FormValidation v = FormChecks.pollInterval("", "5s");
        assertEquals(Kind.OK, v.kind);
        assertThat(v.getMessage(), containsString("(5s)"));
        assertEquals(Kind.OK, FormChecks.timeout(null, "2h").kind);
    }

    @Test
    public void durations() {
        assertEquals(Kind.OK, FormChecks.pollInterval("10s", "5s").kind);
        assertError(FormChecks.pollInterval("200ms", "5s"), "too short");
        assertEquals(Kind.OK, FormChecks.timeout("200ms", "2h").kind);
        assertError(FormChecks.timeout("soon", "2h"), "is not a duration");
        assertError(FormChecks.requiredDuration("", false), "empty");
    }

    @Test
    public void urls() {
        assertEquals(Kind.OK, FormChecks.url("https://api.k6.io", "x").kind);
        assertEquals(Kind.WARNING, FormChecks.url("http://localhost:8080", "x").kind);
        assertError(FormChecks.url("api.k6.io", "https://api.k6.io"), "e.g. https://api.k6.io");
        assertError(FormChecks.url("ftp://api.k6.io", "x"), "not an http(s) address");
        assertError(FormChecks.url("https://exa mple", "x"), "not an http(s) address");
    }

    @Test
    public void stackId() {
        assertEquals(Kind.OK, FormChecks.stackId("").kind);
        assertEquals(Kind.OK, FormChecks.stackId("123").kind);
        assertNull(FormChecks.parseStackId(" "));
        assertEquals(Long.valueOf(123), FormChecks.parseStackId(" 123 "));
        assertError(FormChecks.stackId("my-stack"), "is not a Grafana stack id");
        assertThrows(IllegalArgumentException.class, () -> FormChecks.parseStackId("0"));
    }

    @Test
    public void savedApiUrlThatIsNotAUrlSaysWhichSettingToFix() {
        for (String bad : new String[] {"not a url", "ftp://api.k6.io", "", "https://"}) {
            RunConfig.Connection s = new RunConfig.Connection(null, bad, null, null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::apiUri);
            assertThat(e.getMessage(), containsString("API URL"));
            assertThat(e.getMessage(), containsString("Manage Jenkins"));
            assertError(FormChecks.url(bad, RunConfig.DEFAULT_API_URL), "is not an http(s) address");
        }
        assertEquals(
                "https://api.k6.io",
                new RunConfig.Connection(null, RunConfig.DEFAULT_API_URL, null, null)
                        .apiUri()
                        .toString());
    }

    @Test
    public void messagesAreEscapedForTheFormAsInJenkins() {
        assertThat(FormChecks.testId("<b>").getMessage(), containsString("&lt;b&gt;"));
    }

    private static void assertError(FormValidation v, String text) {
        assertEquals(v.getMessage(), Kind.ERROR, v.kind);
        assertThat(v.getMessage(), containsString(text));
    }

    private final EnvVars env = new EnvVars(Map.of("K6_TEST_ID", "4321", "PREFIX", "12"));

    @Test
    public void plainIdIsReadAsIs() {
        assertEquals(1234L, FormChecks.resolveTestId(" 1234 ", env::expand));
    }

    @Test
    public void parametersAreExpandedFromTheBuild() {
        assertEquals(4321L, FormChecks.resolveTestId("${K6_TEST_ID}", env::expand));
        assertEquals(1234L, FormChecks.resolveTestId("${PREFIX}34", env::expand));
    }

    @Test
    public void undefinedParameterSaysWhichTextItBecame() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> FormChecks.resolveTestId("${NOPE}", env::expand));
        assertThat(e.getMessage(), containsString("'${NOPE}'"));
        assertThat(e.getMessage(), containsString("not defined"));
    }

    @Test
    public void parameterThatIsNotANumberIsRejectedWithItsValue() {
        EnvVars bad = new EnvVars(Map.of("K6_TEST_ID", "abc"));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> FormChecks.resolveTestId("${K6_TEST_ID}", bad::expand));
        assertThat(e.getMessage(), containsString("'abc' is not a load test id"));
    }

    @Test
    public void emptyZeroNegativeAndTextAreRejected() {
        assertThat(
                assertThrows(IllegalArgumentException.class, () -> FormChecks.resolveTestId("  ", env::expand))
                        .getMessage(),
                containsString("empty"));
        assertThat(
                assertThrows(IllegalArgumentException.class, () -> FormChecks.parseTestId("0"))
                        .getMessage(),
                containsString("positive whole number"));
        assertThrows(IllegalArgumentException.class, () -> FormChecks.parseTestId("-5"));
        assertThrows(IllegalArgumentException.class, () -> FormChecks.parseTestId("12.5"));
        assertThrows(IllegalArgumentException.class, () -> FormChecks.parseTestId("99999999999999999999"));
    }

    @Test
    public void onlyDollarBraceCountsAsExpression() {
        assertTrue(FormChecks.isExpression("${X}"));
        assertFalse(FormChecks.isExpression("1234"));
        assertFalse(FormChecks.isExpression(null));
    }
}
