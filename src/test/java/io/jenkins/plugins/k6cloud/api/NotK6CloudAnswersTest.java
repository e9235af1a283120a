package io.jenkins.plugins.k6cloud.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.K6CloudException.NotFoundException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import mockwebserver3.MockResponse;
import org.junit.Rule;
import org.junit.Test;

/** Answers that show the API URL is not the k6 Cloud API: redirects, foreign 404s, HTML pages, cut-short JSON. */
public class NotK6CloudAnswersTest {
    private static final String ELSEWHERE =
            "http://someone:secret-pw@elsewhere.example:8080/login?next=%2Fapi&sid=42#top";

    @Rule
    public final MockK6Cloud k6 = new MockK6Cloud();

    private HttpK6CloudClient noRetries() {
        return k6.client(k6.options().withRetryPolicy(RetryPolicy.noRetries()));
    }

    private void redirect(int status) {
        k6.respond(new MockResponse.Builder()
                .code(status)
                .addHeader("Location", ELSEWHERE)
                .addHeader("Content-Type", "text/html")
                .body("<html>Moved</html>")
                .build());
    }

    @Test
    public void redirectsAreNotFollowedAndNameTheStatusAndWhereTheyPointed() throws Exception {
        for (int status : new int[] {301, 302, 303, 307, 308}) {
            redirect(status);
            ProtocolException e =
                    assertThrows(ProtocolException.class, () -> noRetries().getRun(42));
            assertEquals(status, e.httpStatus());
            assertFalse(e.isTransient());
            assertThat(e.getMessage(), containsString("HTTP " + status));
            assertThat(e.getMessage(), containsString("http://elsewhere.example:8080/login"));
            assertThat(e.getMessage(), containsString("Fix the API URL"));
            assertThat("no user info", e.getMessage(), not(containsString("secret-pw")));
            assertThat("no query", e.getMessage(), not(containsString("sid=42")));
        }
        assertEquals("only the requests to the configured server", 5, k6.requestCount());
    }

    @Test
    public void aRedirectedStartIsRefusedAtOnceWithoutLookingOrSendingAgain() throws Exception {
        redirect(302);

        ProtocolException e =
                assertThrows(ProtocolException.class, () -> k6.client().startRun(7));

        assertThat(e.getMessage(), containsString("HTTP 302"));
        assertEquals(1, k6.requestCount());
        assertEquals("POST", k6.take().getMethod());
    }

    @Test
    public void aRedirectWithoutLocationStillSaysToFixTheApiUrl() {
        k6.respond(new MockResponse.Builder().code(301).build());
        ProtocolException e =
                assertThrows(ProtocolException.class, () -> noRetries().checkToken());
        assertThat(e.getMessage(), containsString("without a usable Location"));
        assertThat(e.getMessage(), containsString("API URL"));
    }

    @Test
    public void a404ThatIsNotAK6ErrorSaysTheApiUrlDoesNotLookLikeK6Cloud() {
        k6.respond(new MockResponse.Builder()
                .code(404)
                .addHeader("Content-Type", "text/plain")
                .body("No such page")
                .build());
        NotFoundException e =
                assertThrows(NotFoundException.class, () -> noRetries().getRun(42));
        assertThat(e.getMessage(), containsString("does not look like the k6 Cloud API"));
        assertThat(e.getMessage(), containsString("(" + k6.server.url("/").host() + ")"));
        assertThat(e.getMessage(), not(containsString("load test or run id")));
    }

    @Test
    public void a404WithAK6ErrorStillPointsAtTheId() {
        k6.json(404, "{\"error\":{\"code\":3,\"message\":\"Not found.\"}}");
        NotFoundException e =
                assertThrows(NotFoundException.class, () -> noRetries().getRun(42));
        assertThat(e.getMessage(), containsString("Check the load test or run id"));
        assertThat(e.getMessage(), containsString("Not found."));
    }

    @Test
    public void anHtmlPageGivesItsAdviceOnceAndIsNotTransient() {
        k6.respond(new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "text/html")
                .body("<html><body>Welcome</body></html>")
                .build());
        ProtocolException e =
                assertThrows(ProtocolException.class, () -> noRetries().getRun(42));
        assertFalse("another server's page will not change", e.isTransient());
        String m = e.getMessage();
        assertEquals(m, m.indexOf("API URL"), m.lastIndexOf("API URL"));
        assertThat(m, containsString("an HTML page instead of JSON"));
    }

    @Test
    public void jsonCutShortOnAReadIsTransient() {
        k6.json(200, "{\"k6-run\": {\"id\": 42, \"run_status\": ");
        ProtocolException e =
                assertThrows(ProtocolException.class, () -> noRetries().getRun(42));
        assertTrue("a proxy may have cut the answer short: read again", e.isTransient());
    }
}
