package io.jenkins.plugins.k6cloud.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The request pipeline shared by every flavour: parse, route, apply the armed fault, check the token, handle, answer
 * (or drop the connection), journal.
 */
final class HttpFrontend implements HttpHandler {
    private static final String MALFORMED_JSON = "{\"k6-run\": {\"id\": 1, \"run_status\": ";
    private static final String HTML_5XX = "<html><head><title>%1$d Bad Gateway</title></head><body><center>"
            + "<h1>%1$d Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

    /** Bodies are kept whole up to this size (size and SHA-256 always cover all of it). */
    static final int KEPT_BODY_BYTES = 16 << 20;

    private final SimCore core;
    private final List<SimFlavour> flavours;

    HttpFrontend(SimCore core, List<SimFlavour> flavours) {
        this.core = core;
        this.flavours = List.copyOf(flavours);
    }

    private record Match(SimFlavour flavour, Route route, Matcher matcher, boolean methodMismatch) {}

    @Override
    public void handle(HttpExchange ex) throws IOException {
        Instant now = core.clock.instant();
        String method = ex.getRequestMethod();
        String rawPath = ex.getRequestURI().getRawPath();
        String rawQuery = ex.getRequestURI().getRawQuery();
        String path = rawPath;
        Map<String, List<String>> params = Map.of();
        Endpoint endpoint = Endpoint.UNKNOWN;
        boolean authValid = false;
        Fault fault = null;
        RouteCall call = null;
        SimResponse response;
        SimFlavour flavour = flavours.get(0);
        Body body;
        try (InputStream in = ex.getRequestBody()) {
            body = Body.read(in);
        }
        try {
            path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
            params = QueryParams.parse(rawQuery);
            SimRequest req = new SimRequest(
                    method,
                    path,
                    rawQuery,
                    params,
                    ex.getRequestHeaders()::getFirst,
                    body.kept(),
                    body.size(),
                    body.sha256());
            Match m = match(method, path);
            if (m == null) {
                flavour = owner(path);
                response = flavour.notFound();
            } else {
                flavour = m.flavour();
                endpoint = m.route().endpoint();
                authValid = flavour.authenticate(req).valid();
                if (m.methodMismatch()) {
                    response = flavour.methodNotAllowed();
                } else {
                    fault = core.faults.take(endpoint);
                    call = new RouteCall(req, m.matcher(), now, fault);
                    response = respond(m, req, call, fault);
                }
            }
        } catch (BadRequestException e) {
            response = flavour.badRequest(e.getMessage());
        } catch (IllegalArgumentException e) {
            response = flavour.badRequest("The request is not well formed: " + e.getMessage());
        } catch (RuntimeException e) {
            response = flavour.internalError("Simulator error: " + e);
        }
        // journaled before the answer is written, so that a client holding its response always finds the entry
        core.journal.record(new JournalEntry(
                core.journal.nextSeq(),
                now,
                method,
                path,
                rawQuery,
                params,
                endpoint,
                ex.getRequestHeaders().getFirst("X-Stack-Id"),
                authValid,
                response.dropped() ? 0 : response.status(),
                fault,
                call == null ? null : call.testId(),
                call == null ? null : call.runId(),
                headers(ex),
                body.kept(),
                response.contentType(),
                response.body()));
        send(ex, response);
    }

    /** A request body: its first {@link #KEPT_BODY_BYTES} bytes, its size and SHA-256, read as a stream. */
    record Body(byte[] kept, long size, String sha256) {
        static Body read(InputStream in) throws IOException {
            java.security.MessageDigest sha = newDigest();
            java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[64 << 10];
            long size = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
                if (size < KEPT_BODY_BYTES) {
                    kept.write(buf, 0, (int) Math.min(n, KEPT_BODY_BYTES - size));
                }
                size += n;
            }
            return new Body(kept.toByteArray(), size, java.util.HexFormat.of().formatHex(sha.digest()));
        }

        static java.security.MessageDigest newDigest() {
            try {
                return java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }

    /** The request headers by lowercase name (first values); {@code Authorization} keeps only its scheme. */
    private static Map<String, String> headers(HttpExchange ex) {
        Map<String, String> out = new java.util.TreeMap<>();
        ex.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                String value = values.get(0);
                if (name.equalsIgnoreCase("Authorization")) {
                    value = value.strip().split("\\s+", 2)[0] + " ****";
                }
                out.put(name.toLowerCase(java.util.Locale.ROOT), value);
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    private SimResponse respond(Match m, SimRequest req, RouteCall call, Fault fault) {
        SimFlavour flavour = m.flavour();
        if (fault != null) {
            SimResponse faulty =
                    switch (fault.kind()) {
                        case RATE_LIMITED -> flavour.rateLimited(fault.duration());
                        case SERVER_ERROR ->
                            SimResponse.text(fault.status(), "text/html", String.format(HTML_5XX, fault.status()));
                        case DROP_CONNECTION -> SimResponse.drop();
                        case UNAUTHORIZED -> flavour.unauthorized(SimFlavour.AuthResult.INVALID);
                        case NOT_FOUND -> flavour.notFound();
                        default -> null;
                    };
            if (faulty != null) {
                return faulty;
            }
            if (fault.kind() == Fault.Kind.LATENCY) {
                sleep(fault.duration());
            }
        }
        if (m.route().requiresAuth()) {
            SimFlavour.AuthResult auth = flavour.authenticate(req);
            if (!auth.valid()) {
                return flavour.unauthorized(auth);
            }
        }
        SimResponse response = m.route().handle(call);
        if (fault != null && fault.kind() == Fault.Kind.START_THEN_DROP) {
            return SimResponse.drop();
        }
        if (fault != null && fault.kind() == Fault.Kind.MALFORMED_JSON) {
            return SimResponse.text(200, "application/json", MALFORMED_JSON);
        }
        return response;
    }

    /** The flavour whose paths {@code path} is among, or the first (v2). */
    private SimFlavour owner(String path) {
        return flavours.stream().filter(f -> f.owns(path)).findFirst().orElse(flavours.get(0));
    }

    private Match match(String method, String path) {
        Match wrongMethod = null;
        for (SimFlavour f : flavours) {
            for (Route r : f.routes()) {
                Matcher matcher = r.path().matcher(path);
                if (matcher.matches()) {
                    if (r.method().equalsIgnoreCase(method)) {
                        return new Match(f, r, matcher, false);
                    }
                    if (wrongMethod == null) {
                        wrongMethod = new Match(f, r, matcher, true);
                    }
                }
            }
        }
        return wrongMethod;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, SimResponse r) throws IOException {
        if (r.dropped()) {
            // closing before the response headers were sent closes the connection itself
            ex.close();
            return;
        }
        r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        if (r.contentType() != null) {
            ex.getResponseHeaders().set("Content-Type", r.contentType());
        }
        byte[] body = r.body();
        ex.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }
}
