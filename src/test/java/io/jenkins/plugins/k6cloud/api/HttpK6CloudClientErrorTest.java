package io.jenkins.plugins.k6cloud.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.K6CloudException.AuthenticationException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.NotFoundException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.RateLimitedException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ServerException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.TransportException;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.Rule;
import org.junit.Test;

/** How a failed answer reads: the right exception, a message that names the request, quotes k6 Cloud and helps. */
public class HttpK6CloudClientErrorTest {
    private static final String HTML = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
            + "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

    @Rule
    public final MockK6Cloud k6 = new MockK6Cloud();

    private HttpK6CloudClient noRetries() {
        return k6.client(k6.options().withRetryPolicy(RetryPolicy.noRetries()));
    }

    private K6CloudException failRead(int code, String contentType, String body) {
        MockResponse.Builder b = new MockResponse.Builder().code(code).body(body);
        if (contentType != null) {
            b.addHeader("Content-Type", contentType);
        }
        k6.respond(b.build());
        return assertThrows(K6CloudException.class, () -> noRetries().getRun(42));
    }

    /** One failed read: the answer, the exception's type, whether it is transient, what its message says and not. */
    private record Case(int code, String type, String body, Class<?> is, boolean again, String says, String not) {}

    private static final String K6_401 = "{\"error\":{\"message\":\"Invalid token.\",\"code\":6}}";
    private static final String K6_404 =
            "{\"error\":{\"message\":\"Not found.\",\"code\":3,\"errors\":[\"Not found.\"]}}";
    private static final String OOPS = "{\"error\":{\"message\":\"oops\",\"code\":1}}";
    private static final String JSON = "application/json";

    @Test
    public void everyFailedAnswerBecomesItsExceptionWithAMessageThatHelps() {
        List<Case> cases = List.of(
                new Case(
                        401,
                        JSON,
                        K6_401,
                        AuthenticationException.class,
                        false,
                        "did not accept the API token"
                                + " (HTTP 401 Client Error) for GET /loadtests/v2/runs/42. k6 Cloud says: \"Invalid token.\""
                                + " (code 6). Check the API token in the Jenkins credentials",
                        "stack"),
                new Case(401, null, "", AuthenticationException.class, false, "HTTP 401", "says"),
                new Case(
                        404,
                        JSON,
                        K6_404,
                        NotFoundException.class,
                        false,
                        "found nothing for GET"
                                + " /loadtests/v2/runs/42 (HTTP 404 Client Error). k6 Cloud says: \"Not found.\" (code 3)."
                                + " Check the load test or run id",
                        "stack"),
                new Case(
                        429,
                        "text/plain",
                        "slow down",
                        RateLimitedException.class,
                        true,
                        "The answer says:" + " \"slow down\"",
                        "asked us to wait"),
                new Case(502, "text/html", HTML, ServerException.class, true, "HTML page", "<"),
                new Case(502, "text/html", HTML, ServerException.class, true, "try again later", "nginx"),
                new Case(500, JSON, OOPS, ServerException.class, true, "GET /loadtests/v2/runs/42", "<"),
                new Case(503, JSON, OOPS, ServerException.class, true, "GET /loadtests/v2/runs/42", "<"),
                new Case(504, JSON, OOPS, ServerException.class, true, "GET /loadtests/v2/runs/42", "<"),
                new Case(599, JSON, OOPS, ServerException.class, true, "GET /loadtests/v2/runs/42", "<"),
                new Case(409, null, "", ProtocolException.class, false, "HTTP 409", "<"),
                new Case(304, null, "", ProtocolException.class, false, "unexpected HTTP 304", "<"));
        for (Case c : cases) {
            K6CloudException e = failRead(c.code(), c.type(), c.body());
            String what = "HTTP " + c.code() + ": " + e.getMessage();
            assertThat(what, e, instanceOf(c.is()));
            assertEquals(what, c.code(), e.httpStatus());
            assertEquals(what, "GET /loadtests/v2/runs/42", e.request());
            assertEquals(what, c.again(), e.isTransient());
            assertThat(what, e.getMessage(), containsString(c.says()));
            assertThat(what, e.getMessage(), not(containsString(c.not())));
        }
        assertEquals(-1, ((RateLimitedException) failRead(429, "text/plain", "slow down")).retryAfterMillis());
    }

    @Test
    public void forbiddenMentionsTheStackWhenOneIsConfigured() {
        k6.json(403, "{\"error\":{\"code\":5,\"message\":\"Not allowed\"}}");
        K6CloudException e = assertThrows(
                K6CloudException.class,
                () -> k6.client(k6.options().withStackId(12L).withRetryPolicy(RetryPolicy.noRetries()))
                        .getRun(42));
        assertThat(e, instanceOf(AuthenticationException.class));
        assertEquals(403, e.httpStatus());
        assertThat(e.getMessage(), containsString("\"Not allowed\" (code 5)"));
        assertThat(e.getMessage(), containsString("stack id"));
    }

    @Test
    public void rateLimitedCarriesRetryAfter() {
        k6.respond(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "30")
                .addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"Request was throttled.\",\"code\":0}}")
                .build());
        K6CloudException e =
                assertThrows(K6CloudException.class, () -> noRetries().getRun(42));
        assertThat(e, instanceOf(RateLimitedException.class));
        assertEquals(30_000, ((RateLimitedException) e).retryAfterMillis());
        assertTrue(e.isTransient());
        assertThat(e.getMessage(), containsString("asked us to wait 30s"));
        assertThat(e.getMessage(), containsString("\"Request was throttled.\" (code 0)"));
    }

    @Test
    public void aValidationErrorOnStartIsAProtocolErrorQuotingK6() {
        k6.json(
                400,
                "{\"error\":{\"code\":2,\"message\":\"Validation failed\",\"errors\":"
                        + "[\"You have reached the maximum number of concurrent tests for your subscription.\"]}}");
        K6CloudException e =
                assertThrows(K6CloudException.class, () -> noRetries().startRun(7));
        assertThat(e, instanceOf(ProtocolException.class));
        assertEquals(400, e.httpStatus());
        assertFalse(e.isTransient());
        assertThat(e.getMessage(), containsString("rejected POST /loadtests/v2/tests/7/start-testrun (HTTP 400"));
        assertThat(e.getMessage(), containsString("maximum number of concurrent tests"));
    }

    @Test
    public void aSuccessThatIsNotJsonIsAProtocolErrorNamingTheRequest() {
        K6CloudException e = failRead(200, "text/html", HTML);
        assertThat(e, instanceOf(ProtocolException.class));
        assertEquals(200, e.httpStatus());
        assertThat(e.getMessage(), containsString("GET /loadtests/v2/runs/42 with HTTP 200"));
        assertThat(e.getMessage(), not(containsString("<")));

        K6CloudException empty = failRead(200, "application/json", "");
        assertThat(empty.getMessage(), containsString("an empty body"));

        k6.json(200, "{\"organizations\":[]}");
        K6CloudException wrongEnvelope =
                assertThrows(ProtocolException.class, () -> noRetries().getRun(42));
        assertThat(wrongEnvelope.getMessage(), containsString("no \"k6-run\""));
    }

    @Test
    public void aRefusedConnectionIsATransportError() throws IOException {
        URI closed;
        try (MockWebServer gone = new MockWebServer()) {
            gone.start();
            closed = gone.url("/").uri();
        }
        HttpK6CloudClient client = new HttpK6CloudClient(
                ApiFlavour.V2,
                k6.http,
                closed,
                ApiToken.of(MockK6Cloud.TOKEN),
                k6.options().withRetryPolicy(RetryPolicy.noRetries()));
        K6CloudException e = assertThrows(K6CloudException.class, () -> client.getRun(42));
        assertThat(e, instanceOf(TransportException.class));
        assertEquals(0, e.httpStatus());
        assertTrue(e.isTransient());
        assertThat(
                e.getMessage(), containsString("Could not get an answer from k6 Cloud for GET /loadtests/v2/runs/42"));
        assertThat(e.getMessage(), containsString("proxy settings"));
        assertThat(e.getCause(), instanceOf(IOException.class));
    }

    @Test
    public void aLostAnswerIsATransportError() {
        k6.dropAnswer();
        K6CloudException e =
                assertThrows(K6CloudException.class, () -> noRetries().getRun(42));
        assertThat(e, instanceOf(TransportException.class));
        assertThat(e.getMessage(), containsString("GET /loadtests/v2/runs/42"));
    }

    @Test
    public void k6CloudErrorBodiesOfEveryShapeReadAsOneLineAndAnythingElseAsNone() {
        String[][] cases = {
            {"{\"error\":{\"message\":\"Invalid token.\",\"code\":6}}", "\"Invalid token.\" (code 6)"},
            { // errors that repeat the message are dropped
                "{\"error\":{\"message\":\"Not found.\",\"code\":3,\"detail_code\":0,\"errors\":[\"Not found.\",\"also this\"]}}",
                "\"Not found.\" (code 3); also this"
            },
            { // field errors and the old details map
                "{\"error\":{\"code\":2,\"message\":\"Validation failed\",\"errors\":[\"Project matching ID 1 not found in"
                        + " stack 1.\"],\"field_errors\":{\"vus\":[\"Ensure this value is less than or equal to 100.\","
                        + "\"must be whole\"]},\"details\":{\"name\":[\"Too short.\"]}}}",
                "\"Validation failed\" (code 2); Project matching ID 1 not found in stack 1.; "
                        + "vus: Ensure this value is less than or equal to 100., must be whole; name: Too short."
            },
            {"{\"error\":{\"code\":\"error\",\"message\":\"Invalid token\"}}", "\"Invalid token\" (code error)"},
            { // v6: a details list
                "{\"error\":{\"code\":\"validation\",\"message\":\"Validation failed\",\"target\":null,"
                        + "\"details\":[{\"message\":\"too many\",\"code\":\"x\",\"target\":\"vus\"}]}}",
                "\"Validation failed\" (code validation); vus: too many"
            },
            {"{\"message\":\"Rate limit exceeded\"}", "\"Rate limit exceeded\""}, // gateways
            {"{\"detail\":\"Not found.\"}", "\"Not found.\""},
            {"{\"error\":\"boom\"}", "\"boom\""},
            {null, null},
            {"", null},
            {"<html>502</html>", null},
            {"{\"k6-run\":{}}", null},
            {"{\"error\":{}}", null},
            {"{broken", null},
            {"[\"error\"]", null}
        };
        for (String[] c : cases) {
            assertEquals(c[0], c[1], K6CloudException.describeError(c[0]));
        }
        String longOne = K6CloudException.describeError("{\"error\":{\"message\":\"" + "m".repeat(2000) + "\"}}");
        assertEquals("long errors are cut", 503, longOne.length());
    }
}
