package io.jenkins.plugins.k6cloud.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import hudson.EnvVars;
import hudson.util.FormValidation;
import hudson.util.FormValidation.Kind;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.Test;

public class FormChecksTest {
    private final FormChecks form = new FormChecks() {};

    /** Each check with what it says: OK, WARNING, or a text its error must contain. */
    @Test
    public void eachFieldSaysWhatToFix() {
        Object[][] cases = {
            {FormChecks.testId("1234"), "OK"},
            {FormChecks.testId("${K6_TEST_ID}"), "OK when the build runs"},
            {FormChecks.testId(""), "empty"},
            {FormChecks.testId(null), "empty"},
            {FormChecks.testId("12a"), "12a&#039; is not a load test id"},
            {FormChecks.testId("-1"), "positive whole number"},
            {FormChecks.testId("<b>"), "&lt;b&gt;"}, // escaped for the form, as in Jenkins
            // without a job the id is checked as typed, never looked up (no Jenkins here: a look-up would throw)
            {form.doCheckTestId(null, "1234", "k6-token", null), "OK"},
            {form.doCheckTestId(null, "12a", "k6-token", null), "is not a load test id"},
            {form.doCheckTestId(null, "", "k6-token", "load/checkout.js"), "OK"},
            {form.doCheckTestId(null, "0", "k6-token", "load/checkout.js"), "OK"},
            {form.doCheckTestId(null, "", "k6-token", " "), "or a k6 script"},
            {form.doCheckTestId(null, "12a", "k6-token", "load/checkout.js"), "is not a load test id"},
            {form.doCheckMaxRegression(""), "OK"},
            {form.doCheckMaxRegression(null), "OK"},
            {form.doCheckMaxRegression("12.5%"), "OK"},
            {form.doCheckMaxRegression("12"), "maxRegression must be a percentage such as"},
            {form.doCheckScript("load/checkout.js"), "OK"},
            {form.doCheckScript(""), "OK"},
            {form.doCheckScript("${SCRIPT}"), "OK"},
            {form.doCheckScript("/etc/k6.js"), "relative to the workspace"},
            {form.doCheckScript("C:\\k6.js"), "e.g. load/checkout.js"},
            {form.doCheckJunitFile("/tmp/k6.xml"), "e.g. k6-junit.xml"},
            {form.doCheckTestName("Checkout"), "OK"},
            {form.doCheckTestName("x".repeat(301)), "has 301"},
            {FormChecks.checkProjectId(""), "OK"},
            {FormChecks.checkProjectId("${K6_PROJECT}"), "OK"},
            {FormChecks.checkProjectId("p1"), "is not a project id"},
            {FormChecks.duration("", "5s", true), "OK (5s)"},
            {FormChecks.duration(null, "2h", false), "OK"},
            {FormChecks.duration("10s", "5s", true), "OK"},
            {FormChecks.duration("200ms", "5s", true), "too short"},
            {FormChecks.duration("200ms", "2h", false), "OK"},
            {FormChecks.duration("soon", "2h", false), "is not a duration"},
            {FormChecks.duration("", null, false), "empty"},
            {FormChecks.url("https://api.k6.io", "x"), "OK"},
            {FormChecks.url("http://localhost:8080", "x"), "WARNING"},
            {FormChecks.url("api.k6.io", "https://api.k6.io"), "e.g. https://api.k6.io"},
            {FormChecks.url("ftp://api.k6.io", "x"), "not an http(s) address"},
            {FormChecks.url("https://exa mple", "x"), "not an http(s) address"},
            {FormChecks.valid(() -> FormChecks.parseStackId("")), "OK"},
            {FormChecks.valid(() -> FormChecks.parseStackId("123")), "OK"},
            {FormChecks.valid(() -> FormChecks.parseStackId("my-stack")), "is not a Grafana stack id"},
        };
        for (Object[] c : cases) {
            FormValidation v = (FormValidation) c[0];
            String[] expected = ((String) c[1]).split(" ", 2); // a kind, then a text the message contains
            Kind kind =
                    expected[0].equals("OK") || expected[0].equals("WARNING") ? Kind.valueOf(expected[0]) : Kind.ERROR;
            assertEquals(c[1] + ": " + v.getMessage(), kind, v.kind);
            String text = kind == Kind.ERROR ? (String) c[1] : expected.length > 1 ? expected[1] : "";
            assertThat(v.getMessage() == null ? "" : v.getMessage(), containsString(text));
        }
    }

    @Test
    public void idsAreReadAsPositiveWholeNumbers() {
        assertEquals(Long.valueOf(42), FormChecks.parseProjectId(" 42 "));
        assertNull(FormChecks.parseProjectId(""));
        assertThat(failure(() -> FormChecks.parseProjectId("0")), containsString("'0' is not a project id"));
        assertEquals(Long.valueOf(123), FormChecks.parseStackId(" 123 "));
        assertNull(FormChecks.parseStackId(" "));
        assertThat(failure(() -> FormChecks.parseStackId("0")), containsString("is not a Grafana stack id"));
        assertThat(failure(() -> FormChecks.parseTestId("0")), containsString("positive whole number"));
        for (String bad : new String[] {"-5", "12.5", "99999999999999999999"}) {
            assertThat(failure(() -> FormChecks.parseTestId(bad)), containsString("is not a load test id"));
        }
    }

    @Test
    public void aFreestyleTestIdIsExpandedFromTheBuild() {
        EnvVars env = new EnvVars(Map.of("K6_TEST_ID", "4321", "PREFIX", "12"));
        assertEquals(1234L, FormChecks.resolveTestId(" 1234 ", env::expand));
        assertEquals(4321L, FormChecks.resolveTestId("${K6_TEST_ID}", env::expand));
        assertEquals(1234L, FormChecks.resolveTestId("${PREFIX}34", env::expand));
        assertThat(failure(() -> FormChecks.resolveTestId("  ", env::expand)), containsString("empty"));
        String undefined = failure(() -> FormChecks.resolveTestId("${NOPE}", env::expand));
        assertThat(undefined, containsString("'${NOPE}'"));
        assertThat(undefined, containsString("not defined"));
        EnvVars bad = new EnvVars(Map.of("K6_TEST_ID", "abc"));
        assertThat(
                failure(() -> FormChecks.resolveTestId("${K6_TEST_ID}", bad::expand)),
                containsString("'abc' is not a load test id"));
    }

    @Test
    public void aSavedApiUrlThatIsNotAUrlSaysWhichSettingToFix() {
        for (String bad : new String[] {"not a url", "ftp://api.k6.io", "", "https://"}) {
            String message = failure(() -> new RunConfig.Connection(null, bad, null, null).apiUri());
            assertThat(message, containsString("API URL"));
            assertThat(message, containsString("Manage Jenkins"));
            assertEquals(Kind.ERROR, FormChecks.url(bad, RunConfig.DEFAULT_API_URL).kind);
        }
        assertEquals(
                "https://api.k6.io",
                new RunConfig.Connection(null, RunConfig.DEFAULT_API_URL, null, null)
                        .apiUri()
                        .toString());
    }

    static String failure(Supplier<?> parse) {
        return assertThrows(IllegalArgumentException.class, parse::get).getMessage();
    }
}
