package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain JDK HTTP client for the simulator's own tests (deliberately not the plugin's client). */
final class SimHttp {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String baseUrl;
    private final String authorization;
    private final String stackId;

    SimHttp(K6CloudSimulator sim) {
        this(sim.baseUrl(), "Token " + sim.token(), null);
    }

    SimHttp(String baseUrl, String authorization, String stackId) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.stackId = stackId;
    }

    /** A v6 client: {@code Bearer} and the simulator's {@code X-Stack-Id} on every request. */
    static SimHttp v6(K6CloudSimulator sim) {
        return new SimHttp(sim.baseUrl(), "Bearer " + sim.token(), Long.toString(sim.stackId()));
    }

    SimHttp withAuthorization(String a) {
        return new SimHttp(baseUrl, a, stackId);
    }

    SimHttp withStackId(String id) {
        return new SimHttp(baseUrl, authorization, id);
    }

    /** A response: status, headers and body. */
    record Reply(int status, HttpResponse<String> raw) {
        String body() {
            return raw.body();
        }

        JsonObject json() {
            JsonElement e = JsonParser.parseString(raw.body());
            return e.getAsJsonObject();
        }

        /** The object under envelope key {@code key}. */
        JsonObject obj(String key) {
            return json().getAsJsonObject(key);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Reply get(String pathAndQuery) throws IOException, InterruptedException {
        return send(builder(pathAndQuery).GET().build());
    }

    Reply post(String path) throws IOException, InterruptedException {
        return send("POST", path, "application/json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Reply send(String method, String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return send(builder(path)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r);
    }

    HttpRequest.Builder builder(String pathAndQuery) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(TIMEOUT);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (stackId != null) {
            b.header("X-Stack-Id", stackId);
        }
        return b;
    }

    /**
     * Sends {@code GET pathAndQuery} over a plain socket and returns everything the server sent
     * until it closed the connection ("" when it sent nothing). Unlike the JDK client, this never
     * retries on its own.
     */
    String rawGet(String pathAndQuery) throws IOException {
        URI uri = URI.create(baseUrl);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** Starts a run of {@code testId} and returns its id. */
    long start(long testId) throws IOException, InterruptedException {
        Reply r = post("/loadtests/v2/tests/" + testId + "/start-testrun");
        if (r.status() != 200) {
            throw new AssertionError("start failed: " + r.status() + " " + r.body());
        }
        return r.obj("k6-run").get("id").getAsLong();
    }

    /** Reads run {@code runId} ({@code k6-run}). */
    JsonObject run(long runId) throws IOException, InterruptedException {
        Reply r = get("/loadtests/v2/runs/" + runId);
        if (r.status() != 200) {
            throw new AssertionError("read failed: " + r.status() + " " + r.body());
        }
        return r.obj("k6-run");
    }
}
