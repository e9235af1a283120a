package io.jenkins.plugins.k6cloud.api;

import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.TransportException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/** Sends one {@link ApiRequest} once, with the common headers; every failure becomes a {@link K6CloudException}. */
final class ApiTransport {
    private static final Logger LOG = Logger.getLogger(ApiTransport.class.getName());
    static final long MAX_BODY_BYTES = 8L << 20;

    private final OkHttpClient http;
    private final OkHttpClient httpWithoutSilentResend;
    private final HttpUrl base;
    private final String authorization;
    private final ApiToken token;
    private final ClientOptions options;

    ApiTransport(OkHttpClient http, URI baseUri, String scheme, ApiToken token, ClientOptions options) {
        Objects.requireNonNull(http, "http");
        this.token = Objects.requireNonNull(token, "token");
        this.options = Objects.requireNonNull(options, "options");
        this.base = baseUrl(baseUri);
        // The k6 Cloud API does not redirect: a 3xx means a wrong API URL. Following it would turn a
        // POST into a GET (301/302) to a server nobody configured, or resend it there without the token.
        this.http = http.newBuilder()
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.readTimeout())
                .callTimeout(options.callTimeout())
                .build();
        // OkHttp silently sends a request again on some connection failures, even a POST; that must
        // not happen to a request that may create something (a run start).
        this.httpWithoutSilentResend =
                this.http.newBuilder().retryOnConnectionFailure(false).build();
        this.authorization = scheme + " " + token.plainText();
    }

    static HttpUrl baseUrl(URI uri) {
        Objects.requireNonNull(uri, "The k6 Cloud API URL is missing");
        HttpUrl url = HttpUrl.parse(uri.toString());
        if (url == null) {
            throw new IllegalArgumentException(
                    "The k6 Cloud API URL must be an http or https URL such as https://api.k6.io");
        }
        HttpUrl.Builder b = clean(url).newBuilder();
        int last = url.pathSize() - 1;
        if (url.pathSegments().get(last).isEmpty()) {
            b.removePathSegment(last);
        }
        return b.build();
    }

    HttpUrl base() {
        return base;
    }

    OkHttpClient http() {
        return http;
    }

    ApiResponse send(ApiRequest r, boolean mayCreate) throws K6CloudException {
        Request request = toOkHttp(r);
        OkHttpClient client = mayCreate ? httpWithoutSilentResend : http;
        long started = System.nanoTime();
        try (Response response = client.newCall(request).execute()) {
            String body = readBody(response, r);
            int status = response.code();
            LOG.fine(
                    () -> r.name() + " -> HTTP " + status + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            if (status >= 200 && status <= 299) {
                return new ApiResponse(r.name(), status, body, this::redact);
            }
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                String to = response.header("Location");
                HttpUrl url = to == null ? null : response.request().url().resolve(to);
                throw K6CloudException.redirected(
                        r.name(), status, url == null ? null : redact(clean(url).toString()), base.host());
            }
            long retryAfter = retryAfterMillis(response.header("Retry-After"), options.clock());
            throw K6CloudException.of(
                    new K6CloudException.Failure(r.name(), status, response.message(), body, retryAfter),
                    this::redact,
                    options.stackId() != null,
                    base.host());
        } catch (ScriptUpload.UnreadableScript e) {
            throw new K6CloudException.ConfigurationException(e.getMessage(), r.name(), e);
        } catch (IOException e) {
            throw transportFailure(r, e);
        } catch (K6CloudException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) { // OkHttp (Kotlin) throws it undeclared while connecting
                Thread.currentThread().interrupt();
                throw new K6CloudException.InterruptedCallException(
                        "Interrupted during " + r.name() + " to k6 Cloud.", r.name(), e);
            }
            throw new TransportException(
                    "Could not get an answer from k6 Cloud for " + r.name() + " ("
                            + e.getClass().getSimpleName() + ").",
                    r.name(),
                    e);
        }
    }

    private static HttpUrl clean(HttpUrl url) {
        return url.newBuilder()
                .username("")
                .password("")
                .query(null)
                .fragment(null)
                .build();
    }

    String redact(String text) {
        return text == null ? null : text.replace(token.plainText(), "****");
    }

    private Request toOkHttp(ApiRequest r) {
        HttpUrl.Builder url = base.newBuilder().addEncodedPathSegments(r.path.substring(1));
        for (ApiRequest.QueryParam q : r.query) {
            if (q.encoded()) {
                url.addEncodedQueryParameter(q.name(), q.value());
            } else {
                url.addQueryParameter(q.name(), q.value());
            }
        }
        Request.Builder b = new Request.Builder()
                .url(url.build())
                .header("Authorization", r.authScheme == null ? authorization : r.authScheme + " " + token.plainText())
                .header("User-Agent", options.userAgent())
                .header("Accept", "application/json");
        if (options.stackId() != null) {
            b.header("X-Stack-Id", options.stackId().toString());
        }
        for (Map.Entry<String, String> h : r.headers.entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        return b.method(r.method, r.body).build();
    }

    private String readBody(Response response, ApiRequest r) throws IOException, ProtocolException {
        ResponseBody body = response.body();
        BufferedSource source = body.source();
        if (source.request(MAX_BODY_BYTES + 1)) {
            throw ProtocolException.notK6Api(
                    "k6 Cloud answered " + r.name() + " with more than " + (MAX_BODY_BYTES >> 20)
                            + " MiB; this is not an answer of the k6 Cloud API. Check the k6 Cloud API URL.",
                    r.name(),
                    response.code());
        }
        MediaType type = body.contentType();
        Charset charset = type == null ? null : type.charset(null);
        return source.getBuffer().readString(charset == null ? StandardCharsets.UTF_8 : charset);
    }

    private K6CloudException transportFailure(ApiRequest r, IOException e) {
        String cause = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + redact(e.getMessage()));
        LOG.log(Level.FINE, () -> r.name() + " failed: " + cause);
        if (Thread.currentThread().isInterrupted()) {
            return new K6CloudException.InterruptedCallException(
                    "Interrupted during " + r.name() + " to k6 Cloud (" + cause + ").", r.name(), e);
        }
        return new TransportException(
                "Could not get an answer from k6 Cloud for " + r.name() + " (" + cause
                        + "). Check the network and the proxy settings of Jenkins, and that the k6 Cloud API URL "
                        + base
                        + " is right.",
                r.name(),
                e);
    }

    private static final long MAX_RETRY_AFTER_SECONDS = Duration.ofDays(1).toSeconds();

    /** {@code Retry-After}, seconds or an HTTP-date (RFC 9110 10.2.3), in ms at most a day; -1 when unreadable. */
    static long retryAfterMillis(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String h = header.trim();
        if (h.chars().allMatch(Character::isDigit)) {
            return (h.length() > 9 ? MAX_RETRY_AFTER_SECONDS : Math.min(Long.parseLong(h), MAX_RETRY_AFTER_SECONDS))
                    * 1000;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
            long delay = at.toInstant().toEpochMilli() - clock.millis();
            return Math.max(0, Math.min(delay, MAX_RETRY_AFTER_SECONDS * 1000));
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
