package io.jenkins.plugins.k6cloud.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.util.Arrays;
import java.util.List;
import okhttp3.Headers;
import org.junit.Rule;
import org.junit.Test;

/** Where a token or an address enters: what is trimmed, what is refused, and that the message names the source only. */
public class ApiTokenTest {
    private static final String SOURCE = "in the environment variable K6_CLOUD_TOKEN";
    private static final String HALF = "k6tokSECRETa1b2";

    @Rule
    public final MockK6Cloud k6 = new MockK6Cloud();

    private static String refused(String value) {
        return assertThrows(IllegalArgumentException.class, () -> ApiToken.of(value, SOURCE))
                .getMessage();
    }

    @Test
    public void surroundingWhiteSpaceIsRemovedAsBefore() {
        assertEquals(HALF, ApiToken.of("  " + HALF + "\r\n", SOURCE).plainText());
        assertEquals(HALF, ApiToken.of("\t" + HALF + "\n\n", SOURCE).plainText());
    }

    @Test
    public void aTokenThatCannotBeSentIsRefusedNamingItsSourceNeverTheToken() {
        String[][] cases = {
            {HALF + "\n" + HALF, "a line break"},
            {HALF + "\r" + HALF, "a line break"},
            {HALF + "\t" + HALF, "a tab"},
            {HALF + "\u0007" + HALF, "a control character"},
            {HALF + "\u007f" + HALF, "a control character"},
            {HALF + "\u00e9" + HALF, "a character that is not ASCII"},
            {HALF + "\u00a0", "a character that is not ASCII"
            }, // a non-breaking space is not white space to String.strip()
            {"\u201c" + HALF + "\u201d", "a character that is not ASCII"}
        };
        for (String[] c : cases) {
            String message = refused(c[0]);
            assertThat(message, containsString("The k6 Cloud API token " + SOURCE + " contains " + c[1]));
            assertThat(message, containsString("nothing was sent to k6 Cloud"));
            assertThat(message, not(containsString("SECRET")));
            assertThat(message, not(containsString("a1b2")));
        }
    }

    @Test
    public void anEmptyOrBlankTokenIsRefusedNamingItsSource() {
        assertThat(refused(null), containsString("The k6 Cloud API token " + SOURCE + " is empty"));
        assertThat(refused(""), containsString("The k6 Cloud API token " + SOURCE + " is empty"));
        assertThat(refused("   "), containsString("The k6 Cloud API token " + SOURCE + " is only white space"));
        assertThat(refused(" \n\t "), containsString("is only white space"));
    }

    /**
     * The rule and OkHttp's header check agree: every character the token may hold goes into an
     * {@code Authorization} value, and every other one but the tab is one OkHttp refuses.
     */
    @Test
    public void exactlyWhatOkHttpCanSendIsAccepted() {
        for (char c = 0; c < 0xffff; c++) {
            String value = "a" + c + "b";
            boolean okHttpSends = sends("Token " + value);
            boolean accepted;
            try {
                ApiToken.of(value, SOURCE);
                accepted = true;
            } catch (IllegalArgumentException e) {
                accepted = false;
            }
            assertEquals("U+" + Integer.toHexString(c), okHttpSends && c != '\t', accepted);
        }
    }

    private static boolean sends(String authorization) {
        try {
            new Headers.Builder().add("Authorization", authorization);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    public void theClientSendsTheTrimmedToken() throws Exception {
        k6.json(200, "{\"organizations\":[]}");
        HttpK6CloudClient client = new HttpK6CloudClient(
                ApiFlavour.V2, k6.http, k6.server.url("/").uri(), ApiToken.of(" " + HALF + "\n", SOURCE), k6.options());
        client.checkToken();
        assertEquals("Token " + HALF, k6.take().getHeaders().get("Authorization"));
    }

    @Test
    public void toStringNeverShowsTheToken() {
        assertThat(ApiToken.of(HALF, SOURCE).toString(), not(containsString("SECRET")));
    }

    @Test
    public void onlyAnAbsoluteHttpOrHttpsAddressWithAHostIsAnHttpUri() {
        for (String ok : List.of(" https://api.k6.io ", "http://127.0.0.1:8080/x", "HTTPS://api.k6.io")) {
            assertEquals(ok.strip(), K6CloudDefaults.httpUri(ok).toString());
        }
        for (String not : Arrays.asList(
                "javascript:alert(1)",
                "ftp://example.com",
                "//evil.example/runs/42",
                "/runs/42",
                "https://",
                "https://app.k6.io/runs/<42>",
                "",
                null)) {
            assertNull(not, K6CloudDefaults.httpUri(not));
        }
    }
}
