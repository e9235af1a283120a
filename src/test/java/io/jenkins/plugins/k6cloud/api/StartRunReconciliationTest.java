package io.jenkins.plugins.k6cloud.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.K6CloudException.AuthenticationException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ServerException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.StartOutcomeUnknownException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.TransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.Rule;
import org.junit.Test;

/**
 * A v2 start whose outcome is ambiguous is never sent again, nor looked for by the client: the
 * caller looks, knowing the runs it follows (see {@link HttpK6CloudClient#startRun}).
 */
public class StartRunReconciliationTest {
    private static final String START = "/loadtests/v2/tests/7/start-testrun";

    @Rule
    public final MockK6Cloud k6 = new MockK6Cloud();

    /** The paths the server saw, in order. */
    private List<String> seen() throws InterruptedException {
        List<String> paths = new ArrayList<>();
        for (int i = k6.requestCount(); i > 0; i--) {
            RecordedRequest r = k6.take();
            paths.add(r.getMethod() + " " + r.getUrl().encodedPath());
        }
        return paths;
    }

    @Test
    public void aLostAnswerIsAnUnknownOutcomeSinceTheSendTimeAndTheClientNeitherSendsAgainNorLooks() throws Exception {
        k6.dropAnswer();

        StartOutcomeUnknownException e = assertThrows(
                StartOutcomeUnknownException.class, () -> k6.client().startRun(7));

        assertEquals("the send time: the engine's look allows for the clock skew", MockK6Cloud.NOW, e.notBefore());
        assertEquals(7, e.testId());
        assertEquals("POST " + START, e.request());
        assertThat(e.getCause(), org.hamcrest.Matchers.instanceOf(TransportException.class));
        assertThat(
                e.getMessage(),
                startsWith("Starting load test 7 (POST " + START + ") may or may not have created a run"));
        assertThat(e.getMessage(), containsString("Its run, if any, is to be looked for"));
        assertThat(e.getMessage(), containsString("Look in k6 Cloud for a run of load test 7"));
        assertEquals(
                "k6 Cloud may create the run after a lost answer; a look here could take another build's run",
                List.of("POST " + START),
                seen());
        assertTrue(k6.sleeper.delays().isEmpty());
    }

    /** A gateway error, or an accepted start whose answer is an HTML page or JSON cut short. */
    @Test
    public void aGatewayErrorOrAnAcceptedStartWithAnUnreadableAnswerIsAmbiguousAndNotSentAgain() throws Exception {
        String[][] answers = {
            {"504", "text/html", "<html><body>Gateway Timeout</body></html>"},
            {"200", "text/html", "<html>Welcome</html>"},
            {"200", "application/json", "{\"k6-run\": {\"id\": 42, \"run_status\": "}
        };
        for (String[] a : answers) {
            k6.respond(new MockResponse.Builder()
                    .code(Integer.parseInt(a[0]))
                    .addHeader("Content-Type", a[1])
                    .body(a[2])
                    .build());

            StartOutcomeUnknownException e = assertThrows(
                    StartOutcomeUnknownException.class, () -> k6.client().startRun(7));

            assertEquals(a[2], Integer.parseInt(a[0]), e.httpStatus());
            assertFalse(e.isTransient());
            RecordedRequest r = k6.take();
            assertEquals("POST " + START, r.getMethod() + " " + r.getUrl().encodedPath());
        }
        assertEquals("each sent once; not looked for here: the engine looks", 3, k6.requestCount());
    }

    @Test
    public void aRateLimitedStartIsSentAgainButAnAmbiguousOneIsNot() throws Exception {
        HttpK6CloudClient client = k6.client(k6.options()
                .withRetryPolicy(RetryPolicy.defaults().withJitter(0).withMaxAttempts(5)));
        k6.respond(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "1")
                .build());
        k6.json(502, "");

        StartOutcomeUnknownException e = assertThrows(StartOutcomeUnknownException.class, () -> client.startRun(7));

        assertTrue(e.getCause() instanceof ServerException);
        assertEquals(502, e.httpStatus());
        assertEquals(
                "the ambiguous attempt was sent after the 429 pause", MockK6Cloud.NOW.plusSeconds(1), e.notBefore());
        assertEquals(List.of("POST " + START, "POST " + START), seen());
    }

    @Test
    public void clearRefusalsAreThrownAtOnceWithoutListing() {
        k6.json(400, "{\"error\":{\"code\":2,\"message\":\"Validation failed\",\"errors\":[\"Subscription limit\"]}}");
        ProtocolException invalid =
                assertThrows(ProtocolException.class, () -> k6.client().startRun(7));
        assertThat(invalid.getMessage(), containsString("Subscription limit"));

        k6.json(401, "{\"error\":{\"code\":6,\"message\":\"Invalid token.\"}}");
        assertThrows(AuthenticationException.class, () -> k6.client().startRun(7));

        k6.json(404, "{\"error\":{\"code\":3,\"message\":\"Not found.\"}}");
        assertThrows(K6CloudException.NotFoundException.class, () -> k6.client().startRun(7));

        assertEquals(3, k6.requestCount());
        assertTrue(k6.sleeper.delays().isEmpty());
    }

    @Test
    public void aRateLimitedStartWasNotProcessedAndIsSentAgainAfterRetryAfter() throws Exception {
        k6.respond(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "2")
                .build());
        k6.json(200, MockK6Cloud.run(600, 7, -2, "2026-03-01T10:00:02Z"));

        assertEquals(600, k6.client().startRun(7).id());
        assertEquals(List.of(2000L), k6.sleeper.delays());
        assertEquals(List.of("POST " + START, "POST " + START), seen());
    }

    @Test
    public void anAcceptedStartWithoutRunIdIsNeverSentAgain() throws Exception {
        k6.json(200, "{\"k6-run\":{\"run_status\":-2}}");

        StartOutcomeUnknownException e = assertThrows(
                StartOutcomeUnknownException.class, () -> k6.client().startRun(7));

        assertThat(e.getMessage(), containsString("no run id"));
        assertThat(e.getMessage(), containsString("the plugin did not start another one"));
        assertEquals(200, e.httpStatus());
        assertEquals(List.of("POST " + START), seen());
        assertTrue(k6.sleeper.delays().isEmpty());
    }

    @Test
    public void anInterruptedStartIsReportedAsUnknownWithoutAnotherRequest() throws Exception {
        k6.json(200, MockK6Cloud.run(700, 7, -2, "2026-03-01T10:00:00Z"));
        HttpK6CloudClient client = k6.client();
        StartOutcomeUnknownException e;
        Thread.currentThread().interrupt();
        try {
            e = assertThrows(StartOutcomeUnknownException.class, () -> client.startRun(7));
            assertTrue(
                    "the interrupt is kept for the caller",
                    Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertThat(e.getCause(), org.hamcrest.Matchers.instanceOf(K6CloudException.InterruptedCallException.class));
        assertThat(e.getMessage(), containsString("interrupted before it could find out"));
        assertEquals(MockK6Cloud.NOW, e.notBefore());
        assertTrue("no list, no second start", k6.requestCount() <= 1);
    }

    @Test
    public void anInterruptedPauseAfterARateLimitIsAnInterruptionNotAnUnknownOutcome() throws Exception {
        k6.respond(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "1")
                .build());
        HttpK6CloudClient client = k6.client(k6.options()
                .withTime(
                        k6.clock,
                        ms -> {
                            throw new InterruptedException("aborted");
                        },
                        new Random(42)));
        try {
            assertThrows(
                    "a 429 created nothing", K6CloudException.InterruptedCallException.class, () -> client.startRun(7));
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of("POST " + START), seen());
    }

    @Test
    public void onlyFailuresAfterTheRequestMayHaveBeenSentAreAmbiguous() {
        assertFalse(HttpK6CloudClient.isAmbiguous(new TransportException("m", "r", new ConnectException("refused"))));
        assertFalse(HttpK6CloudClient.isAmbiguous(new TransportException("m", "r", new UnknownHostException("x"))));
        assertFalse(HttpK6CloudClient.isAmbiguous(
                new TransportException("m", "r", new java.net.NoRouteToHostException("x"))));
        assertTrue(
                "only proof of no connection allows a resend",
                HttpK6CloudClient.isAmbiguous(new TransportException("m", "r", new Exception("odd"))));
        assertTrue(HttpK6CloudClient.isAmbiguous(new TransportException("m", "r", null)));
        assertTrue(
                HttpK6CloudClient.isAmbiguous(new TransportException("m", "r", new SocketTimeoutException("timeout"))));
        assertTrue(HttpK6CloudClient.isAmbiguous(
                new TransportException("m", "r", new IOException("unexpected end of stream"))));
        assertTrue(HttpK6CloudClient.isAmbiguous(new ServerException("m", "r", 500)));
        assertTrue(HttpK6CloudClient.isAmbiguous(new ServerException("m", "r", 503)));
        assertFalse(HttpK6CloudClient.isAmbiguous(new K6CloudException.RateLimitedException("m", "r", 1000)));
        assertFalse(HttpK6CloudClient.isAmbiguous(new ProtocolException("m", "r", 400, null)));
    }
}
