package io.jenkins.plugins.k6cloud.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.K6CloudException.NotFoundException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.RateLimitedException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ServerException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.TransportException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import org.junit.Rule;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;

/** Which calls are retried, after how long ({@link RetryPolicy}), and when the client gives up. In virtual time. */
public class HttpK6CloudClientRetryTest {
    private static final String RUN = MockK6Cloud.run(42, 9, 2, null);

    @Rule
    public final MockK6Cloud k6 = new MockK6Cloud();

    private void status(int code) {
        k6.json(code, "{\"error\":{\"message\":\"try later\",\"code\":1}}");
    }

    private void rateLimited(String retryAfter) {
        MockResponse.Builder b = new MockResponse.Builder().code(429);
        if (retryAfter != null) {
            b.addHeader("Retry-After", retryAfter);
        }
        k6.respond(b.build());
    }

    @Test
    public void serverErrorsAreRetriedWithExponentialBackoff() throws Exception {
        status(500);
        status(502);
        status(503);
        k6.json(200, RUN);

        assertEquals(42, k6.client().getRun(42).id());

        assertEquals(List.of(500L, 1000L, 2000L), k6.sleeper.delays());
        assertEquals(4, k6.requestCount());
    }

    @Test
    public void lostAnswersAreRetriedForReads() throws Exception {
        k6.dropAnswer();
        k6.json(200, RUN);

        assertEquals(42, k6.client().getRun(42).id());
        assertEquals(List.of(500L), k6.sleeper.delays());
    }

    @Test
    public void aRateLimitWaitsWhatRetryAfterSaysOrElseBacksOff() throws Exception {
        // three reads: Retry-After as an HTTP date, as seconds, then absent twice (the backoff, not Retry-After)
        rateLimited("Sun, 01 Mar 2026 10:00:12 GMT");
        k6.json(200, RUN);
        rateLimited("3");
        k6.json(200, RUN);
        rateLimited(null);
        rateLimited(null);
        k6.json(200, RUN);

        for (int read = 0; read < 3; read++) {
            assertEquals(42, k6.client().getRun(42).id());
        }

        assertEquals(List.of(12_000L, 3000L, 500L, 1000L), k6.sleeper.delays());
    }

    @Test
    public void aRetryAfterBeyondTheBudgetIsThrownAtOnceForTheEngineToReschedule() {
        rateLimited("120");

        RateLimitedException e =
                assertThrows(RateLimitedException.class, () -> k6.client().getRun(42));

        assertEquals(120_000, e.retryAfterMillis());
        assertTrue(k6.sleeper.delays().isEmpty());
        assertEquals(1, k6.requestCount());
    }

    @Test
    public void theBudgetEndsTheRetries() {
        for (int i = 0; i < 5; i++) {
            status(503);
        }
        HttpK6CloudClient client = k6.client(k6.options()
                .withRetryPolicy(RetryPolicy.defaults().withJitter(0).withBudget(Duration.ofSeconds(2))));

        ServerException e = assertThrows(ServerException.class, () -> client.getRun(42));

        assertEquals("0.5 s + 1 s fit in 2 s, 2 s more does not", List.of(500L, 1000L), k6.sleeper.delays());
        assertEquals(3, k6.requestCount());
        assertThat(e.getMessage(), containsString("gave up after 3 attempts"));
        assertEquals(503, e.httpStatus());
    }

    @Test
    public void theAttemptLimitEndsTheRetries() {
        for (int i = 0; i < 3; i++) {
            k6.dropAnswer();
        }
        HttpK6CloudClient client = k6.client(k6.options()
                .withRetryPolicy(RetryPolicy.defaults().withJitter(0).withMaxAttempts(3)));

        TransportException e = assertThrows(TransportException.class, () -> client.getRun(42));

        assertEquals(List.of(500L, 1000L), k6.sleeper.delays());
        assertEquals(3, k6.requestCount());
        assertThat(e.getMessage(), containsString("gave up after 3 attempts"));
    }

    @Test
    public void jitterComesFromTheInjectedRandom() throws Exception {
        status(503);
        status(503);
        k6.json(200, RUN);
        RetryPolicy policy = RetryPolicy.defaults().withJitter(0.5);
        HttpK6CloudClient client =
                k6.client(k6.options().withRetryPolicy(policy).withTime(k6.clock, k6.sleeper, new Random(1234)));

        client.getRun(42);

        Random same = new Random(1234);
        assertEquals(List.of(policy.backoffMillis(1, same), policy.backoffMillis(2, same)), k6.sleeper.delays());
    }

    @Test
    public void clearClientErrorsAreNotRetried() {
        k6.json(404, "{\"error\":{\"message\":\"Not found.\",\"code\":3}}");

        assertThrows(NotFoundException.class, () -> k6.client().getRun(42));

        assertEquals(1, k6.requestCount());
        assertTrue(k6.sleeper.delays().isEmpty());
    }

    @Test
    public void everyIdempotentEndpointIsRetried() throws Exception {
        HttpK6CloudClient client = k6.client();
        status(503);
        k6.json(200, "{\"k6-runs\":[],\"meta\":{\"count\":0}}");
        client.listRuns(1, null);
        status(503);
        k6.json(200, "{\"k6-thresholds\":[]}");
        client.getThresholds(42);
        status(503);
        k6.json(200, "{\"organizations\":[]}");
        client.checkToken();
        status(503);
        k6.json(200, "{\"k6-test\":{\"id\":1,\"name\":\"t\"}}");
        client.getLoadTest(1);
        status(503);
        k6.respond(new MockResponse.Builder().code(204).build());
        client.stopRun(42);

        assertEquals(10, k6.requestCount());
        assertEquals(List.of(500L, 500L, 500L, 500L, 500L), k6.sleeper.delays());
    }

    @Test
    public void anInterruptedCallIsADeclaredExceptionAndIsNotRetried() {
        k6.json(200, RUN);
        HttpK6CloudClient client = k6.client();
        Thread.currentThread().interrupt();
        try {
            K6CloudException e = assertThrows(K6CloudException.class, () -> client.getRun(42));
            assertThat(e, instanceOf(K6CloudException.InterruptedCallException.class));
            assertEquals("GET /loadtests/v2/runs/42", e.request());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertTrue(k6.sleeper.delays().isEmpty());
    }

    @Test
    public void anInterruptedPauseStopsRetryingAndKeepsTheInterrupt() {
        status(503);
        HttpK6CloudClient client = k6.client(k6.options()
                .withTime(
                        k6.clock,
                        ms -> {
                            throw new InterruptedException("build aborted");
                        },
                        new Random(42)));
        try {
            K6CloudException e = assertThrows(K6CloudException.class, () -> client.getRun(42));
            assertFalse("not worth retrying", e.isTransient());
            assertThat(e, instanceOf(K6CloudException.InterruptedCallException.class));
            assertThat(e.getCause(), instanceOf(ServerException.class));
            assertThat(e.getMessage(), containsString("Interrupted while waiting to send GET /loadtests/v2/runs/42"));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertEquals(1, k6.requestCount());
    }

    @Test
    public void retryAfterIsReadAsSecondsOrAnHttpDateOnTheClockCappedAtADay() {
        String in45s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                k6.clock.instant().plusSeconds(45).atOffset(ZoneOffset.UTC));
        Object[][] cases = {
            {"30", 30_000L},
            {"0", 0L},
            {" 2 ", 2_000L},
            {"99999999999999", 86_400_000L},
            {in45s, 45_000L},
            {"Sun, 01 Mar 2026 10:00:45 GMT", 45_000L},
            {"Sun, 01 Mar 2026 09:00:00 GMT", 0L},
            {null, -1L},
            {"", -1L},
            {"soon", -1L},
            {"-5", -1L},
            {"1.5", -1L}
        };
        for (Object[] c : cases) {
            assertEquals(String.valueOf(c[0]), c[1], ApiTransport.retryAfterMillis((String) c[0], k6.clock));
        }
    }

    @Test
    public void backoffDoublesUpToTheCapAndJitterShortensItByAtMostItsFraction() {
        RetryPolicy exact = RetryPolicy.defaults().withJitter(0);
        Random r = new Random(1);
        List<Long> pauses = new ArrayList<>();
        for (int failed : new int[] {1, 2, 3, 4, 5, 6, 10_000}) {
            pauses.add(exact.backoffMillis(failed, r));
        }
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 8000L, 8000L), pauses);

        RetryPolicy half = RetryPolicy.defaults().withJitter(0.5);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long d = half.backoffMillis(3, r);
            assertTrue(d + " ms", d >= 1000 && d <= 2000);
            seen.add(d);
        }
        assertTrue("pauses really vary", seen.size() >= 50);
        assertNotEquals(pauses(new Random(1)), pauses(new Random(123_456_789)));
        assertEquals(pauses(new Random(99)), pauses(new Random(99)));
    }

    private static List<Long> pauses(Random random) {
        return IntStream.range(1, 8)
                .mapToObj(i -> RetryPolicy.defaults().backoffMillis(i, random))
                .toList();
    }

    @Test
    public void aNonsensicalRetryPolicyIsRefused() {
        List<ThrowingRunnable> nonsense = List.of(
                () -> RetryPolicy.defaults().withMaxAttempts(0),
                () -> RetryPolicy.defaults().withJitter(1.5),
                () -> RetryPolicy.defaults().withJitter(Double.NaN),
                () -> RetryPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2),
                () -> RetryPolicy.defaults().withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5),
                () -> RetryPolicy.defaults().withBudget(Duration.ofSeconds(-1)));
        nonsense.forEach(n -> assertThrows(IllegalArgumentException.class, n));
        assertEquals(1, RetryPolicy.noRetries().maxAttempts());
    }
}
