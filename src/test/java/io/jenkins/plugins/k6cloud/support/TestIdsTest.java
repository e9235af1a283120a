package io.jenkins.plugins.k6cloud.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import hudson.EnvVars;
import java.util.Map;
import org.junit.Test;

public class TestIdsTest {
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
