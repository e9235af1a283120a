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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.Rule;
import org.junit.Test;

/** A v2 start whose outcome is ambiguous is looked for once and never sent again (see {@link RunStarter}). */
public class StartRunReconciliationTest {
    private static final String START = "/loadtests/v2/tests/7/start-testrun";

    @Rule
    public final MockK6Cloud k6 = new MockK6Cloud();

    private static String runs(String... objects) {
        return "{\"k6-runs\":[" + String.join(",", objects) + "],\"meta\":{\"count\":" + objects.length + "}}";
    }

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
    public void aLostAnswerAdoptsTheRunTheStartCreated() throws Exception {
        k6.dropAnswer();
        k6.json(
                200,
                runs(
                        MockK6Cloud.runObject(100, 7, 3, "2026-02-28T09:00:00Z"),
                        MockK6Cloud.runObject(101, 7, -2, "2026-03-01T10:00:00.4")));

        TestRun run = k6.client().startRun(7);

        assertEquals(101, run.id());
        assertEquals(RunStatus.CREATED, run.runStatus());
        assertEquals(List.of("POST " + START, "GET /loadtests/v2/runs"), seen());
        assertTrue(k6.sleeper.delays().isEmpty());
    }

    @Test
    public void theReconciliationListAsksForTheTestsRunsAndTheNeededFields() throws Exception {
        k6.dropAnswer();
        k6.json(200, runs(MockK6Cloud.runObject(101, 7, -2, "2026-03-01T10:00:01Z")));

        k6.client().startRun(7);

        k6.take();
        RecordedRequest list = k6.take();
        assertEquals("7", list.getUrl().queryParameter("test_id"));
        assertEquals(String.join(",", V2Json.RUN_FIELDS), list.getUrl().queryParameter("$select"));
        assertEquals("1", list.getUrl().queryParameter("page"));
        assertEquals("-created", list.getUrl().queryParameter("order_by"));
    }

    @Test
    public void afterALostAnswerWithNoRunYetTheStartIsNeverSentAgain() throws Exception {
        k6.dropAnswer();
        k6.json(200, runs(MockK6Cloud.runObject(100, 7, 3, "2026-02-28T09:00:00Z")));

        StartOutcomeUnknownException e = assertThrows(
                StartOutcomeUnknownException.class, () -> k6.client().startRun(7));

        assertThat(e.getCause(), org.hamcrest.Matchers.instanceOf(TransportException.class));
        assertThat(e.getMessage(), containsString("k6 Cloud may still create one"));
        assertThat(e.getMessage(), containsString("Look in k6 Cloud for a run of load test 7"));
        assertEquals(
                "k6 Cloud may create the run after a lost answer: looked once, not sent again",
                List.of("POST " + START, "GET /loadtests/v2/runs"),
                seen());
        assertTrue(k6.sleeper.delays().isEmpty());
    }

    @Test
    public void aV2StartCarriesAnIdempotencyKey() throws Exception {
        k6.json(200, MockK6Cloud.run(101, 7, -2, "2026-03-01T10:00:01Z"));

        k6.client().startRun(7);

        String key = k6.take().getHeaders().get(V6K6CloudClient.IDEMPOTENCY_KEY);
        assertTrue("1..36 characters: " + key, key != null && !key.isEmpty() && key.length() <= 36);
    }

    @Test
    public void aGatewayErrorIsAmbiguousAndTheNewestMatchingRunIsAdopted() throws Exception {
        k6.respond(new MockResponse.Builder()
                .code(504)
                .addHeader("Content-Type", "text/html")
                .body("<html><body>Gateway Timeout</body></html>")
                .build());
        k6.json(
                200,
                runs(
                        MockK6Cloud.runObject(205, 7, 0, "2026-03-01T10:00:02Z"),
                        MockK6Cloud.runObject(210, 7, -2, "2026-03-01T10:00:03Z"),
                        MockK6Cloud.runObject(199, 7, 3, "2026-03-01T09:30:00Z")));

        assertEquals(210, k6.client().startRun(7).id());
        assertEquals(List.of("POST " + START, "GET /loadtests/v2/runs"), seen());
    }

    @Test
    public void aRunCreatedWithinTheClockSkewCountsAndOneBeforeItDoesNot() throws Exception {
        k6.dropAnswer();
        k6.json(
                200,
                runs(
                        MockK6Cloud.runObject(300, 7, 0, "2026-03-01T09:59:20"),
                        MockK6Cloud.runObject(301, 7, 0, "2026-03-01T09:59:40")));
        HttpK6CloudClient client =
                k6.client(k6.options().startClockSkew(Duration.ofSeconds(30)).build());

        assertEquals(
                "301 is 20 s before our clock, within 30 s",
                301,
                client.startRun(7).id());
    }

    @Test
    public void runsWithoutCreatedTimeOrOfAnotherTestAreIgnored() throws Exception {
        k6.dropAnswer();
        k6.json(
                200,
                runs(MockK6Cloud.runObject(400, 7, 0, null), MockK6Cloud.runObject(401, 8, 0, "2026-03-01T10:00:01Z")));

        assertThrows(StartOutcomeUnknownException.class, () -> k6.client().startRun(7));
        assertEquals(2, k6.requestCount());
    }

    @Test
    public void theLookAsksForRecentRunsNewestFirstAndStopsAtTheFirstOlderOne() throws Exception {
        k6.dropAnswer();
        // meta.count promises many pages, but the first older run ends the look
        k6.json(
                200,
                "{\"k6-runs\":[" + MockK6Cloud.runObject(501, 7, 0, "2026-03-01T10:00:01Z") + ","
                        + MockK6Cloud.runObject(480, 7, 3, "2026-02-20T10:00:00Z") + "],\"meta\":{\"count\":5000}}");

        assertEquals(501, k6.client().startRun(7).id());

        k6.take();
        RecordedRequest list = k6.take();
        assertEquals("-created", list.getUrl().queryParameter("order_by"));
        assertEquals("one page only", 2, k6.requestCount());
    }

    @Test
    public void whenTheRunsCannotBeListedTheOutcomeIsUnknownAndNotRetried() throws Exception {
        k6.dropAnswer();
        k6.json(403, "{\"error\":{\"code\":5,\"message\":\"Not allowed\"}}");

        StartOutcomeUnknownException e = assertThrows(
                StartOutcomeUnknownException.class, () -> k6.client().startRun(7));

        assertFalse(e.isTransient());
        assertEquals(7, e.testId());
        assertEquals(MockK6Cloud.NOW.minusSeconds(60), e.notBefore());
        assertEquals("POST " + START, e.request());
        assertThat(
                e.getMessage(),
                startsWith("Starting load test 7 (POST " + START + ") may or may not have created a run"));
        assertThat(e.getMessage(), containsString("Listing the runs of the test to find out failed too"));
        assertThat(e.getMessage(), containsString("the plugin did not start another one"));
        assertEquals(List.of("POST " + START, "GET /loadtests/v2/runs"), seen());
    }

    @Test
    public void aRateLimitedStartIsSentAgainButAnAmbiguousOneIsNot() throws Exception {
        HttpK6CloudClient client = k6.client(k6.options()
                .retryPolicy(RetryPolicy.defaults().withJitter(0).withMaxAttempts(5))
                .build());
        k6.respond(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "1")
                .build());
        k6.json(502, "");
        k6.json(200, runs());

        StartOutcomeUnknownException e = assertThrows(StartOutcomeUnknownException.class, () -> client.startRun(7));

        assertTrue(e.getCause() instanceof ServerException);
        assertEquals(502, e.httpStatus());
        assertEquals(
                "the look is from just before the ambiguous attempt, after the 429 pause",
                MockK6Cloud.NOW.plusSeconds(1).minusSeconds(60),
                e.notBefore());
        assertThat(e.getMessage(), containsString("No run of the test created since then could be found"));
        assertEquals(List.of("POST " + START, "POST " + START, "GET /loadtests/v2/runs"), seen());
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
    public void anAcceptedStartWithAnUnreadableAnswerAdoptsTheRun() throws Exception {
        k6.respond(new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "text/html")
                .body("<html>Welcome</html>")
                .build());
        k6.json(200, runs(MockK6Cloud.runObject(800, 7, -2, "2026-03-01T10:00:00Z")));

        assertEquals(800, k6.client().startRun(7).id());
        assertEquals(List.of("POST " + START, "GET /loadtests/v2/runs"), seen());
    }

    @Test
    public void anAcceptedStartWithoutRunIdIsNeverSentAgain() throws Exception {
        k6.json(200, "{\"k6-run\":{\"run_status\":-2}}");
        k6.json(200, runs());

        StartOutcomeUnknownException e = assertThrows(
                StartOutcomeUnknownException.class, () -> k6.client().startRun(7));

        assertThat(e.getMessage(), containsString("no run id"));
        assertThat(e.getMessage(), containsString("the plugin did not start another one"));
        assertEquals(200, e.httpStatus());
        assertEquals(List.of("POST " + START, "GET /loadtests/v2/runs"), seen());
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
        assertThat(e.getMessage(), containsString("interrupted before it could look for the run"));
        assertEquals(MockK6Cloud.NOW.minusSeconds(60), e.notBefore());
        assertTrue("no list, no second start", k6.requestCount() <= 1);
    }

    @Test
    public void anInterruptedPauseAfterARateLimitIsAnInterruptionNotAnUnknownOutcome() throws Exception {
        k6.respond(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "1")
                .build());
        HttpK6CloudClient client = k6.client(k6.options()
                .sleeper(ms -> {
                    throw new InterruptedException("aborted");
                })
                .build());
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
        assertFalse(RunStarter.isAmbiguous(new TransportException("m", "r", new ConnectException("refused"))));
        assertFalse(RunStarter.isAmbiguous(new TransportException("m", "r", new UnknownHostException("x"))));
        assertFalse(RunStarter.isAmbiguous(new TransportException("m", "r", new java.net.NoRouteToHostException("x"))));
        assertTrue(
                "only proof of no connection allows a resend",
                RunStarter.isAmbiguous(new TransportException("m", "r", new Exception("odd"))));
        assertTrue(RunStarter.isAmbiguous(new TransportException("m", "r", null)));
        assertTrue(RunStarter.isAmbiguous(new TransportException("m", "r", new SocketTimeoutException("timeout"))));
        assertTrue(
                RunStarter.isAmbiguous(new TransportException("m", "r", new IOException("unexpected end of stream"))));
        assertTrue(RunStarter.isAmbiguous(new ServerException("m", "r", 500)));
        assertTrue(RunStarter.isAmbiguous(new ServerException("m", "r", 503)));
        assertFalse(RunStarter.isAmbiguous(new K6CloudException.RateLimitedException("m", "r", 1000)));
        assertFalse(RunStarter.isAmbiguous(new ProtocolException("m", "r", 400, null)));
    }
}
