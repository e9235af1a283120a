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

/** A start whose answer is lost never leads to a second run when k6 Cloud already has one. */
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
        k6.json(200, runs(MockK6Cloud.runObject(100, 7, 3, "2026-02-28T09:00:00Z"),
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
    }

    @Test
    public void theStartIsSentAgainOnlyWhenNoRunWasCreated() throws Exception {
        k6.dropAnswer();
        k6.json(200, runs(MockK6Cloud.runObject(100, 7, 3, "2026-02-28T09:00:00Z")));
        k6.json(200, MockK6Cloud.run(102, 7, -2, "2026-03-01T10:00:01Z"));

        TestRun run = k6.client().startRun(7);

        assertEquals(102, run.id());
        assertEquals(List.of("POST " + START, "GET /loadtests/v2/runs", "POST " + START), seen());
        assertEquals(List.of(500L), k6.sleeper.delays());
    }

    @Test
    public void aGatewayErrorIsAmbiguousAndTheNewestMatchingRunIsAdopted() throws Exception {
        k6.respond(new MockResponse.Builder().code(504).addHeader("Content-Type", "text/html")
                .body("<html><body>Gateway Timeout</body></html>").build());
        k6.json(200, runs(MockK6Cloud.runObject(205, 7, 0, "2026-03-01T10:00:02Z"),
                MockK6Cloud.runObject(210, 7, -2, "2026-03-01T10:00:03Z"),
                MockK6Cloud.runObject(199, 7, 3, "2026-03-01T09:30:00Z")));

        assertEquals(210, k6.client().startRun(7).id());
        assertEquals(List.of("POST " + START, "GET /loadtests/v2/runs"), seen());
    }

    @Test
    public void aRunCreatedWithinTheClockSkewCountsAndOneBeforeItDoesNot() throws Exception {
        k6.dropAnswer();
        k6.json(200, runs(MockK6Cloud.runObject(300, 7, 0, "2026-03-01T09:59:20"),
                MockK6Cloud.runObject(301, 7, 0, "2026-03-01T09:59:40")));
        HttpK6CloudClient client = k6.client(k6.options().startClockSkew(Duration.ofSeconds(30)).build());

        assertEquals("301 is 20 s before our clock, within 30 s", 301, client.startRun(7).id());
    }

    @Test
    public void runsWithoutCreatedTimeOrOfAnotherTestAreIgnored() throws Exception {
        k6.dropAnswer();
        k6.json(200, runs(MockK6Cloud.runObject(400, 7, 0, null), MockK6Cloud.runObject(401, 8, 0,
                "2026-03-01T10:00:01Z")));
        k6.json(200, MockK6Cloud.run(402, 7, -2, "2026-03-01T10:00:02Z"));

        assertEquals(402, k6.client().startRun(7).id());
    }

    @Test
    public void aRunThatAppearsAfterALaterAttemptFailsIsStillAdopted() throws Exception {
        k6.dropAnswer();
        k6.json(200, runs());
        k6.dropAnswer();
        k6.json(200, runs(MockK6Cloud.runObject(500, 7, 0, "2026-03-01T10:00:00Z")));

        assertEquals(500, k6.client().startRun(7).id());
        assertEquals(List.of("POST " + START, "GET /loadtests/v2/runs", "POST " + START, "GET /loadtests/v2/runs"),
                seen());
    }

    @Test
    public void whenTheRunsCannotBeListedTheOutcomeIsUnknownAndNotRetried() throws Exception {
        k6.dropAnswer();
        k6.json(403, "{\"error\":{\"code\":5,\"message\":\"Not allowed\"}}");

        StartOutcomeUnknownException e =
                assertThrows(StartOutcomeUnknownException.class, () -> k6.client().startRun(7));

        assertFalse(e.isTransient());
        assertEquals(7, e.testId());
        assertEquals(MockK6Cloud.NOW.minusSeconds(60), e.notBefore());
        assertEquals("POST " + START, e.request());
        assertThat(e.getMessage(), startsWith("Starting load test 7 (POST " + START + ") may or may not have created a run"));
        assertThat(e.getMessage(), containsString("Listing the runs of the test to find out failed too"));
        assertThat(e.getMessage(), containsString("the plugin did not start another one"));
        assertEquals(List.of("POST " + START, "GET /loadtests/v2/runs"), seen());
    }

    @Test
    public void whenTheBudgetEndsAfterAmbiguousAttemptsTheOutcomeIsUnknown() throws Exception {
        HttpK6CloudClient client = k6.client(k6.options()
                .retryPolicy(RetryPolicy.defaults().withJitter(0).withMaxAttempts(2)).build());
        k6.dropAnswer();
        k6.json(200, runs());
        k6.json(502, "");
        k6.json(200, runs());

        StartOutcomeUnknownException e = assertThrows(StartOutcomeUnknownException.class, () -> client.startRun(7));

        assertTrue(e.getCause() instanceof ServerException);
        assertEquals(502, e.httpStatus());
        assertThat(e.getMessage(), containsString("No run of the test created since then could be found"));
        assertEquals(4, k6.requestCount());
    }

    @Test
    public void clearRefusalsAreThrownAtOnceWithoutListing() {
        k6.json(400, "{\"error\":{\"code\":2,\"message\":\"Validation failed\",\"errors\":[\"Subscription limit\"]}}");
        ProtocolException invalid = assertThrows(ProtocolException.class, () -> k6.client().startRun(7));
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
        k6.respond(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build());
        k6.json(200, MockK6Cloud.run(600, 7, -2, "2026-03-01T10:00:02Z"));

        assertEquals(600, k6.client().startRun(7).id());
        assertEquals(List.of(2000L), k6.sleeper.delays());
        assertEquals(List.of("POST " + START, "POST " + START), seen());
    }

    @Test
    public void anAcceptedStartWithAnUnreadableAnswerAdoptsTheRun() throws Exception {
        k6.respond(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html>Welcome</html>").build());
        k6.json(200, runs(MockK6Cloud.runObject(800, 7, -2, "2026-03-01T10:00:00Z")));

        assertEquals(800, k6.client().startRun(7).id());
        assertEquals(List.of("POST " + START, "GET /loadtests/v2/runs"), seen());
    }

    @Test
    public void anAcceptedStartWithoutRunIdIsNeverSentAgain() throws Exception {
        k6.json(200, "{\"k6-run\":{\"run_status\":-2}}");
        k6.json(200, runs());

        StartOutcomeUnknownException e = assertThrows(StartOutcomeUnknownException.class, () -> k6.client().startRun(7));

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
            assertTrue("the interrupt is kept for the caller", Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertThat(e.getCause(), org.hamcrest.Matchers.instanceOf(K6CloudException.InterruptedCallException.class));
        assertThat(e.getMessage(), containsString("interrupted before it could look for the run"));
        assertEquals(MockK6Cloud.NOW.minusSeconds(60), e.notBefore());
        assertTrue("no list, no second start", k6.requestCount() <= 1);
    }

    @Test
    public void anInterruptedPauseAfterAnAmbiguousAttemptIsUnknownToo() throws Exception {
        k6.dropAnswer();
        k6.json(200, runs());
        HttpK6CloudClient client = k6.client(k6.options().sleeper(ms -> {
            throw new InterruptedException("aborted");
        }).build());
        try {
            StartOutcomeUnknownException e =
                    assertThrows(StartOutcomeUnknownException.class, () -> client.startRun(7));
            assertThat(e.getCause(), org.hamcrest.Matchers.instanceOf(K6CloudException.InterruptedCallException.class));
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of("POST " + START, "GET /loadtests/v2/runs"), seen());
    }

    @Test
    public void onlyFailuresAfterTheRequestMayHaveBeenSentAreAmbiguous() {
        assertFalse(RunStarter.isAmbiguous(new TransportException("m", "r", new ConnectException("refused"))));
        assertFalse(RunStarter.isAmbiguous(new TransportException("m", "r", new UnknownHostException("x"))));
        assertTrue(RunStarter.isAmbiguous(new TransportException("m", "r", new SocketTimeoutException("timeout"))));
        assertTrue(RunStarter.isAmbiguous(new TransportException("m", "r", new IOException("unexpected end of stream"))));
        assertTrue(RunStarter.isAmbiguous(new ServerException("m", "r", 500)));
        assertTrue(RunStarter.isAmbiguous(new ServerException("m", "r", 503)));
        assertFalse(RunStarter.isAmbiguous(new K6CloudException.RateLimitedException("m", "r", 1000)));
        assertFalse(RunStarter.isAmbiguous(new ProtocolException("m", "r", 400, null)));
    }
}
