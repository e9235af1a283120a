package io.jenkins.plugins.k6cloud.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A web server on loopback that is not k6 Cloud: it answers every request with one fixed status,
 * content type and body (an HTML page, a 404, a redirect), and records what it was asked. The body
 * may quote the request's {@code Authorization} header, as some error pages do, to prove that the
 * client keeps the token out of its messages.
 */
final class FakeServer implements AutoCloseable {
    /** One request as the fake server saw it. */
    record Seen(String method, String path, String authorization) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Seen> seen = new ArrayList<>();
    private final int status;
    private final String contentType;
    private final String body;
    private final String location;

    private FakeServer(int status, String contentType, String body, String location) throws IOException {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.location = location;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "k6-faults-fake-http");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Answers {@code status} with an HTML page that quotes the {@code Authorization} header it got. */
    static FakeServer html(int status) throws IOException {
        return new FakeServer(
                status,
                "text/html; charset=utf-8",
                "<html><body><h1>Welcome</h1><p>You sent: {auth}</p></body></html>",
                null);
    }

    /** Answers {@code status} with plain text that quotes the {@code Authorization} header it got. */
    static FakeServer text(int status) throws IOException {
        return new FakeServer(status, "text/plain; charset=utf-8", "No such page. Request header was {auth}", null);
    }

    /** Answers {@code status} (301, 302, ...) with {@code Location: target + path}. */
    static FakeServer redirect(int status, URI target) throws IOException {
        return new FakeServer(status, "text/html; charset=utf-8", "<html><body>Moved</body></html>", target.toString());
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized List<Seen> seen() {
        return new ArrayList<>(seen);
    }

    private void handle(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        synchronized (this) {
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(), auth));
        }
        ex.getRequestBody().readAllBytes();
        byte[] bytes = body.replace("{auth}", String.valueOf(auth)).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        if (location != null) {
            ex.getResponseHeaders()
                    .set("Location", location + ex.getRequestURI().getPath());
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
