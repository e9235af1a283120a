package io.jenkins.plugins.k6cloud;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import org.junit.Test;

public class TokenSourceTest {
    private final Map<String, String> withToken = Map.of("K6_CLOUD_TOKEN", "from-env");

    @Test
    public void stepCredentialsComeFirst() {
        assertEquals("step", TokenSource.choose("step", "global", withToken).credentialsId());
    }

    @Test
    public void thenTheVariableBoundByWithCredentialsBeatsTheGlobalDefault() {
        assertTrue(TokenSource.choose(" ", "global", withToken).isEnvironment());
        assertTrue(TokenSource.choose(null, null, withToken).isEnvironment());
    }

    @Test
    public void aBlankVariableDoesNotHideTheGlobalDefault() {
        // e.g. an empty string parameter named K6_CLOUD_TOKEN
        assertEquals(
                "global",
                TokenSource.choose(null, "global", Map.of("K6_CLOUD_TOKEN", "")).credentialsId());
        assertEquals(
                "global",
                TokenSource.choose(" ", "global", Map.of("K6_CLOUD_TOKEN", "  "))
                        .credentialsId());
        assertThrows(
                "a blank variable is no token either",
                IllegalArgumentException.class,
                () -> TokenSource.choose(null, null, Map.of("K6_CLOUD_TOKEN", "")));
    }

    @Test
    public void thenTheGlobalDefault() {
        assertEquals(
                "global",
                TokenSource.choose(" ", "global", Map.of("PATH", "/bin")).credentialsId());
        assertEquals("global", TokenSource.choose(null, "global", null).credentialsId());
    }

    @Test
    public void withoutAnySourceTheMessageListsTheChoices() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TokenSource.choose(null, "", Map.of()));
        assertThat(e.getMessage(), containsString("K6_CLOUD_TOKEN"));
        assertThat(e.getMessage(), containsString("withCredentials"));
        assertThrows(IllegalArgumentException.class, () -> TokenSource.choose(null, null, null));
    }
}
