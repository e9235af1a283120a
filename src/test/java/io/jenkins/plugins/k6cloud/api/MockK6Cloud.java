package io.jenkins.plugins.k6cloud.api;

import static org.junit.Assert.assertNotNull;

import io.jenkins.plugins.k6cloud.testing.ManualClock;
import io.jenkins.plugins.k6cloud.testing.RecordingSleeper;
import java.io.IOException;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.rules.ExternalResource;

/**
 * A scripted k6 Cloud for wire-level tests: a {@link MockWebServer} answering from a queue, a
 * {@link ManualClock} and a {@link RecordingSleeper} so that no test really waits, and clients
 * built on them.
 */
final class MockK6Cloud extends ExternalResource {
    /** Looks like a real token and is easy to search for. */
    static final String TOKEN = "k6tok_5f0c2b9e7a1d4c38b6e2f90a";

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    final MockWebServer server = new MockWebServer();
    final ManualClock clock = new ManualClock(NOW);
    final RecordingSleeper sleeper = new RecordingSleeper(clock);
    final OkHttpClient http = new OkHttpClient();

    @Override
    protected void before() throws IOException {
        // a request nobody scripted gets an immediate 404 instead of waiting for a read timeout
        ((QueueDispatcher) server.getDispatcher()).setFailFast(true);
        server.start();
    }

    @Override
    protected void after() {
        server.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** Options on virtual time, exact pauses (no jitter), plugin version 1.2.3. */
    ClientOptions options() {
        return ClientOptions.defaults()
                .withTime(clock, sleeper, new Random(42))
                .withRetryPolicy(RetryPolicy.defaults().withJitter(0))
                .withPluginVersion("1.2.3");
    }

    HttpK6CloudClient client() {
        return client(options());
    }

    HttpK6CloudClient client(ClientOptions options) {
        return client(ApiFlavour.V2, options);
    }

    HttpK6CloudClient client(ApiFlavour flavour, ClientOptions options) {
        return new HttpK6CloudClient(flavour, http, server.url("/").uri(), ApiToken.of(TOKEN), options);
    }

    void json(int code, String body) {
        server.enqueue(new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build());
    }

    void respond(MockResponse response) {
        server.enqueue(response);
    }

    /** Reads the request, then closes the connection without answering: the answer is lost. */
    void dropAnswer() {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull("the server received no (further) request", r);
        return r;
    }

    int requestCount() {
        return server.getRequestCount();
    }

    /** A {@code k6-run} envelope. */
    static String run(long id, long testId, int runStatus, String created) {
        return "{\"k6-run\":" + runObject(id, testId, runStatus, created) + "}";
    }

    static String runObject(long id, long testId, int runStatus, String created) {
        return "{\"id\":" + id + ",\"test_id\":" + testId + ",\"run_status\":" + runStatus
                + ",\"processing_status\":0,\"result_status\":0,\"created\":"
                + (created == null ? "null" : "\"" + created + "\"") + "}";
    }
}
