package io.jenkins.plugins.k6cloud.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import mockwebserver3.MockResponse;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * The token reaches the Authorization header and nothing else: not an exception message (even when
 * k6 Cloud echoes it back), not a toString(), not a log record at any level.
 */
public class TokenSecrecyTest {
    private static final String[] LOGGERS = {"io.jenkins.plugins.k6cloud", "okhttp3"};

    @Rule
    public final MockK6Cloud k6 = new MockK6Cloud();

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final List<Level> savedLevels = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @Before
    public void captureAllLogging() {
        capture.setLevel(Level.ALL);
        for (String name : LOGGERS) {
            Logger l = Logger.getLogger(name);
            savedLevels.add(l.getLevel());
            l.setLevel(Level.ALL);
            l.addHandler(capture);
        }
    }

    @After
    public void restoreLogging() {
        for (int i = 0; i < LOGGERS.length; i++) {
            Logger l = Logger.getLogger(LOGGERS[i]);
            l.removeHandler(capture);
            l.setLevel(savedLevels.get(i));
        }
    }

    @Test
    public void theTokenIsOnlyEverInTheAuthorizationHeader() throws Exception {
        String token = MockK6Cloud.TOKEN;
        String echo = "{\"error\":{\"message\":\"Invalid token " + token + "\",\"code\":6,\"errors\":[\"" + token
                + "\"],\"field_errors\":{\"token\":[\"" + token + " is revoked\"]}}}";
        HttpK6CloudClient client = k6.client(k6.options()
                .withStackId(5L)
                .withRetryPolicy(RetryPolicy.defaults().withJitter(0).withMaxAttempts(2)));
        List<Object> returned = new ArrayList<>();
        List<Throwable> thrown = new ArrayList<>();

        for (int code : new int[] {400, 401, 403, 404, 409}) {
            k6.json(code, echo);
            thrown.add(failure(() -> client.getRun(42)));
        }
        for (int code : new int[] {429, 500, 503}) {
            k6.json(code, echo);
            k6.json(code, echo);
            thrown.add(failure(() -> client.getRun(42)));
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            k6.respond(new MockResponse.Builder()
                    .code(502)
                    .status("HTTP/1.1 502 Bad " + token)
                    .body("plain text " + token)
                    .build());
        }
        thrown.add(failure(() -> client.checkToken()));
        k6.json(200, "{\"k6-run\": \"" + token + "\"}");
        thrown.add(failure(() -> client.getRun(42)));
        k6.respond(new MockResponse.Builder().code(200).body("token=" + token).build());
        thrown.add(failure(() -> client.getLoadTest(3)));
        k6.json(400, echo);
        k6.json(200, "{\"k6-run\":{\"id\":42,\"run_status\":2,\"error_detail\":\"x\"}}");
        thrown.add(failure(() -> client.stopRun(42)));
        k6.dropAnswer();
        thrown.add(failure(() -> client.startRun(7)));

        k6.json(200, "{\"k6-run\":{\"id\":42,\"test_id\":7,\"run_status\":3}}");
        returned.add(client.getRun(42));
        k6.json(200, "{\"k6-thresholds\":[{\"name\":\"http_req_duration: p(95)<500\",\"tainted\":true}]}");
        returned.add(client.getThresholds(42));
        k6.json(200, "{\"k6-runs\":[{\"id\":42,\"test_id\":7,\"run_status\":3}],\"meta\":{\"count\":1}}");
        returned.add(client.listRuns(7, null));
        returned.add(client);
        returned.add(client.transport());
        returned.add(k6.options());
        returned.add(ApiToken.of(token));

        assertEquals(13, thrown.size());
        for (Throwable t : thrown) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                assertThat(c.getClass().getName(), String.valueOf(c.getMessage()), not(containsString(token)));
                assertThat(c.toString(), not(containsString(token)));
            }
        }
        for (Object o : returned) {
            assertThat(o.toString(), not(containsString(token)));
        }
        assertThat("FINE records were captured", records.size(), greaterThan(10));
        SimpleFormatter formatter = new SimpleFormatter();
        for (LogRecord r : records) {
            assertThat(formatter.format(r), not(containsString(token)));
        }
        int withAuth = 0;
        for (int i = k6.requestCount(); i > 0; i--) {
            String auth = k6.take().getHeaders().get("Authorization");
            assertEquals("Token " + token, auth);
            withAuth++;
        }
        assertThat(withAuth, greaterThan(20));
    }

    @Test
    public void theRedactedEchoStillSaysWhatK6CloudMeant() {
        k6.json(401, "{\"error\":{\"message\":\"Invalid token " + MockK6Cloud.TOKEN + "\",\"code\":6}}");
        Throwable e = failure(() ->
                k6.client(k6.options().withRetryPolicy(RetryPolicy.noRetries())).getRun(1));
        assertThat(e.getMessage(), containsString("\"Invalid token ****\" (code 6)"));
    }

    private interface Call {
        void run() throws Exception;
    }

    private static Throwable failure(Call call) {
        try {
            call.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("the call was expected to fail");
    }
}
