package io.jenkins.plugins.k6cloud.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A call to k6 Cloud that did not give the expected answer. The message says what happened and what
 * to do, names the request and never holds the token; the subclass says whether trying again may help.
 */
public class K6CloudException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String request;
    private final int httpStatus;
    private final boolean transientError;
    private final boolean configurationError;
    private int attempts = 1;

    /** @param request {@code "GET /loadtests/v2/runs/42"} or {@code null}; {@code httpStatus} 0 when no answer came */
    public K6CloudException(String message, String request, int httpStatus, Throwable cause) {
        this(message, request, httpStatus, cause, false, false);
    }

    private K6CloudException(
            String message, String request, int status, Throwable cause, boolean transientError, boolean config) {
        super(message, cause);
        this.request = request;
        this.httpStatus = status;
        this.transientError = transientError;
        this.configurationError = config;
    }

    @Override
    public String getMessage() {
        return super.getMessage() + (attempts > 1 ? " (gave up after " + attempts + " attempts)" : "");
    }

    K6CloudException gaveUpAfter(int attempts) {
        this.attempts = attempts;
        return this;
    }

    public String request() {
        return request;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the same request may succeed later (transport errors, rate limits, server errors). */
    public boolean isTransient() {
        return transientError;
    }

    /** Whether a setting is to fix: the token or stack (401, 403), the test id (404), the API URL. */
    public boolean isConfigurationError() {
        return configurationError;
    }

    /** Found before any request reached k6 Cloud: v2 chosen for an upload, an unreadable script. */
    public static final class ConfigurationException extends K6CloudException {
        private static final long serialVersionUID = 1L;

        public ConfigurationException(String message, String request, Throwable cause) {
            super(message, request, 0, cause, false, true);
        }
    }

    public static final class AuthenticationException extends K6CloudException {
        private static final long serialVersionUID = 1L;

        public AuthenticationException(String message, String request, int httpStatus) {
            super(message, request, httpStatus, null, false, true);
        }
    }

    public static final class NotFoundException extends K6CloudException {
        private static final long serialVersionUID = 1L;

        public NotFoundException(String message, String request) {
            super(message, request, 404, null, false, true);
        }
    }

    public static final class RateLimitedException extends K6CloudException {
        private static final long serialVersionUID = 1L;
        private final long retryAfterMillis;

        public RateLimitedException(String message, String request, long retryAfterMillis) {
            super(message, request, 429, null, true, false);
            this.retryAfterMillis = retryAfterMillis;
        }

        /** The {@code Retry-After} delay, or -1 when the answer had none. */
        public long retryAfterMillis() {
            return retryAfterMillis;
        }
    }

    /** 5xx: k6 Cloud, or a proxy in front of it, failed. */
    public static final class ServerException extends K6CloudException {
        private static final long serialVersionUID = 1L;

        public ServerException(String message, String request, int httpStatus) {
            super(message, request, httpStatus, null, true, false);
        }
    }

    /** No usable answer: connection refused or reset, unknown host, a timeout. */
    public static final class TransportException extends K6CloudException {
        private static final long serialVersionUID = 1L;

        public TransportException(String message, String request, Throwable cause) {
            super(message, request, 0, cause, true, false);
        }
    }

    /**
     * An answer the API does not document. Transient only for a 2xx {@code GET} whose JSON is cut short
     * (a proxy's doing); a configuration error when it is no k6 answer at all (the API URL is wrong).
     */
    public static final class ProtocolException extends K6CloudException {
        private static final long serialVersionUID = 1L;

        public ProtocolException(String message, String request, int httpStatus, Throwable cause) {
            this(message, request, httpStatus, cause, false, false);
        }

        ProtocolException(String message, String request, int status, Throwable cause, boolean again, boolean nonK6) {
            super(message, request, status, cause, again, nonK6);
        }

        public static ProtocolException notK6Api(String message, String request, int httpStatus) {
            return new ProtocolException(message, request, httpStatus, null, false, true);
        }
    }

    /** The thread was interrupted (the build was aborted) during a call or the pause before the next. */
    public static final class InterruptedCallException extends K6CloudException {
        private static final long serialVersionUID = 1L;

        public InterruptedCallException(String message, String request, Throwable cause) {
            super(message, request, 0, cause);
        }
    }

    /** A start whose answer was lost: a run created after {@code notBefore} may be ours. Not transient. */
    public static final class StartOutcomeUnknownException extends K6CloudException {
        private static final long serialVersionUID = 1L;
        private final long testId;
        private final Instant notBefore;

        public StartOutcomeUnknownException(
                String message, String request, long testId, Instant notBefore, K6CloudException cause) {
            super(message, request, cause == null ? 0 : cause.httpStatus(), cause);
            this.testId = testId;
            this.notBefore = notBefore;
        }

        public long testId() {
            return testId;
        }

        public Instant notBefore() {
            return notBefore;
        }
    }

    /** What is known of a non-2xx answer; every text in it comes from the server and is redacted before use. */
    record Failure(String request, int status, String reason, String body, long retryAfterMillis) {}

    /**
     * The exception of a non-2xx, non-3xx answer. A 404 whose body is no k6 error means the API URL
     * leads to another server, not that the test id is wrong.
     */
    static K6CloudException of(Failure f, UnaryOperator<String> redact, boolean stackIdSent, String host) {
        String reason = f.reason() == null
                ? ""
                : redact.apply(f.reason()).replaceAll("\\p{Cntrl}", "").strip();
        String line = "HTTP " + f.status()
                + (reason.isEmpty() ? "" : " " + reason.substring(0, Math.min(60, reason.length())));
        String k6 = describeError(f.body());
        boolean noBody = f.body() == null || f.body().isBlank();
        String said = k6 != null
                ? " k6 Cloud says: " + redact.apply(k6) + "."
                : noBody
                        ? ""
                        : f.body().strip().startsWith("<")
                                ? " The answer is an HTML page, probably from a proxy."
                                : " The answer says: \"" + redact.apply(K6CloudJson.snippet(f.body())) + "\".";
        String req = f.request();
        int s = f.status();
        String at = " (" + line + ") for " + req + "." + said;
        return switch (s >= 500 && s <= 599 ? 500 : s) {
            case 401 ->
                new AuthenticationException(
                        "k6 Cloud did not accept the API token" + at
                                + " Check the API token in the Jenkins credentials: it may be mistyped, revoked or"
                                + " belong to another account"
                                + (stackIdSent ? ", or not belong to the configured stack" : "") + ".",
                        req,
                        s);
            case 403 ->
                new AuthenticationException(
                        "k6 Cloud refused access" + at + " Check that the token's account"
                                + (stackIdSent ? " and the configured stack id" : "")
                                + " may see and run this load test.",
                        req,
                        s);
            case 404 ->
                new NotFoundException(
                        k6 == null
                                ? "The server at the k6 Cloud API URL (" + host + ") has no " + req + " (" + line
                                        + ") and its answer is not a k6 Cloud error: the API URL does not look like"
                                        + " the k6 Cloud API. Fix the API URL in the k6 Cloud settings (e.g."
                                        + " https://api.k6.io)."
                                : "k6 Cloud found nothing for " + req + " (" + line + ")." + said
                                        + " Check the load test or run id, and that the token's account"
                                        + (stackIdSent ? " and stack" : "") + " can see it.",
                        req);
            case 429 ->
                new RateLimitedException(
                        "k6 Cloud is limiting the rate of requests (" + line + ") for " + req
                                + (f.retryAfterMillis() >= 0
                                        ? "; it asked us to wait "
                                                + DurationFormat.format(Duration.ofMillis(f.retryAfterMillis()))
                                        : "")
                                + "." + said + " The plugin waits and retries by itself; if this keeps happening, run"
                                + " fewer k6 Cloud builds at once.",
                        req,
                        f.retryAfterMillis());
            case 500 ->
                new ServerException(
                        "k6 Cloud, or a proxy in front of it, failed" + at
                                + " This is usually temporary: try again later.",
                        req,
                        s);
            default ->
                s >= 400 && s <= 499
                        // a body that is no k6 error (an HTML page, say) comes from another server or a proxy
                        ? new ProtocolException(
                                "k6 Cloud rejected " + req + " (" + line + ")." + said + " Fix what k6 Cloud reports"
                                        + " (for example a subscription limit or an invalid load test) and try again.",
                                req,
                                s,
                                null,
                                false,
                                k6 == null && !noBody)
                        : ProtocolException.notK6Api(
                                "k6 Cloud answered " + req + " with an unexpected " + line + "." + said
                                        + " Check the k6 Cloud API URL and any proxy between Jenkins and k6 Cloud.",
                                req,
                                s);
        };
    }

    /** A 3xx: the k6 Cloud API never redirects, so the API URL is wrong; {@code to} is where it pointed, cleaned. */
    static ProtocolException redirected(String request, int status, String to, String host) {
        return ProtocolException.notK6Api(
                "The server at the k6 Cloud API URL (" + host + ") answered " + request + " with a redirect (HTTP "
                        + status + ") " + (to == null ? "without a usable Location" : "to " + to)
                        + ", which the k6 Cloud API never does; the plugin did not follow it. Fix the API URL in the"
                        + " k6 Cloud settings (e.g. https://api.k6.io).",
                request,
                status);
    }

    /**
     * A k6 Cloud error body as one line ({@code "Invalid token." (code 6); more; field: a, b}), or
     * {@code null} when it is none: v2 {@code {"error":{"message","code","errors":[],"field_errors":{},
     * "details":{}}}}, v6 {@code {"error":{"message","code","details":[{"message","target"}]}}}, and
     * the gateway shapes {@code {"error":"..."}}, {@code {"message":"..."}}, {@code {"detail":"..."}}.
     */
    static String describeError(String body) {
        JsonObject root = K6CloudJson.objectOrNull(body);
        if (root == null) {
            return null;
        }
        JsonObject error = K6CloudJson.object(root, "error");
        String message = K6CloudJson.string(error != null ? error : root, error != null ? "message" : "error");
        if (error == null && message == null) {
            message = K6CloudJson.string(root, K6CloudJson.string(root, "message") != null ? "message" : "detail");
        }
        List<String> parts = new ArrayList<>();
        String code = K6CloudJson.string(error, "code");
        String head = (message == null || message.isBlank() ? "" : "\"" + message.strip() + "\"")
                + (code == null || code.isBlank() ? "" : " (code " + code.strip() + ")");
        if (!head.isBlank()) {
            parts.add(head.strip());
        }
        if (error != null) {
            for (String e : strings(error.get("errors"))) {
                if (!e.equals(message)) {
                    parts.add(e);
                }
            }
            for (String key : List.of("field_errors", "details")) {
                JsonElement fields = error.get(key);
                if (fields != null && fields.isJsonObject()) {
                    for (Map.Entry<String, JsonElement> f :
                            fields.getAsJsonObject().entrySet()) {
                        List<String> msgs = strings(f.getValue());
                        if (!msgs.isEmpty()) {
                            parts.add(f.getKey() + ": " + String.join(", ", msgs));
                        }
                    }
                } else if (fields != null && fields.isJsonArray()) {
                    for (JsonObject item : K6CloudJson.objects(fields)) {
                        String msg = K6CloudJson.string(item, "message");
                        String target = K6CloudJson.string(item, "target");
                        if (msg != null) {
                            parts.add(target == null ? msg : target + ": " + msg);
                        }
                    }
                }
            }
        }
        String text = String.join("; ", parts).replaceAll("\\p{Cntrl}", " ");
        return text.isEmpty() ? null : text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    private static List<String> strings(JsonElement e) {
        List<String> out = new ArrayList<>();
        if (e != null && e.isJsonPrimitive()) {
            out.add(e.getAsString());
        } else if (e != null && e.isJsonArray()) {
            e.getAsJsonArray().forEach(i -> {
                if (i.isJsonPrimitive()) {
                    out.add(i.getAsString());
                }
            });
        }
        return out;
    }
}
