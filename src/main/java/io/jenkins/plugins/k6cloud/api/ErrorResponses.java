package io.jenkins.plugins.k6cloud.api;

import io.jenkins.plugins.k6cloud.api.K6CloudException.AuthenticationException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.NotFoundException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.RateLimitedException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ServerException;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Turns a non-2xx answer into the matching {@link K6CloudException}: 401/403 authentication,
 * 404 not found, 429 rate limited, 5xx server, anything else protocol. A 404 whose body is not a
 * k6 Cloud error says that the API URL does not look like the k6 Cloud API (it is some other web
 * server) rather than blaming the load test id. A 3xx ({@link #redirected}) names the status and
 * where it pointed and asks to fix the API URL. The message says what
 * happened and what to do, names the request, quotes k6 Cloud's error when the body is one, and
 * never carries HTML, a long body or the token.
 *
 * @param redact removes the token from any text the server sent back
 * @param stackIdSent whether requests carry {@code X-Stack-Id} (the advice then mentions the stack)
 * @param host the host of the configured API URL, named when an answer shows it is not k6 Cloud
 */
record ErrorResponses(UnaryOperator<String> redact, boolean stackIdSent, String host) {

    /** What is known of a failed answer; every text in it comes from the server and is redacted before use. */
    record Failure(String request, int status, String reason, String body, long retryAfterMillis) {}

    /**
     * A 3xx: the k6 Cloud API never redirects, so the API URL is wrong; the redirect is not followed.
     *
     * @param location where it pointed, already stripped of user info and query, or {@code null}
     */
    ProtocolException redirected(String request, int status, okhttp3.HttpUrl location) {
        String to = location == null ? "without a usable Location" : "to " + redact.apply(location.toString());
        return ProtocolException.notK6Api(
                "The server at the k6 Cloud API URL (" + host + ") answered " + request
                        + " with a redirect (HTTP " + status + ") " + to
                        + ", which the k6 Cloud API never does; the plugin"
                        + " did not follow it. Fix the API URL in the k6 Cloud settings (e.g. https://api.k6.io).",
                request,
                status);
    }

    K6CloudException toException(Failure f) {
        String statusLine = statusLine(f);
        String said = said(f.body());
        String req = f.request();
        int s = f.status();
        if (s == 401) {
            return new AuthenticationException(
                    "k6 Cloud did not accept the API token (" + statusLine + ") for " + req
                            + "." + said
                            + " Check the API token in the Jenkins credentials: it may be mistyped, revoked or"
                            + " belong to another account"
                            + (stackIdSent ? ", or not belong to the configured stack" : "")
                            + ".",
                    req,
                    s);
        }
        if (s == 403) {
            return new AuthenticationException(
                    "k6 Cloud refused access (" + statusLine + ") for " + req + "." + said
                            + " Check that the token's account" + (stackIdSent ? " and the configured stack id" : "")
                            + " may see and run this load test.",
                    req,
                    s);
        }
        if (s == 404 && K6ErrorBody.describe(f.body()) == null) {
            return new NotFoundException(
                    "The server at the k6 Cloud API URL (" + host + ") has no " + req + " ("
                            + statusLine
                            + ") and its answer is not a k6 Cloud error: the API URL does not look like the"
                            + " k6 Cloud API. Fix the API URL in the k6 Cloud settings (e.g. https://api.k6.io).",
                    req);
        }
        if (s == 404) {
            return new NotFoundException(
                    "k6 Cloud found nothing for " + req + " (" + statusLine + ")." + said
                            + " Check the load test or run id, and that the token's account"
                            + (stackIdSent ? " and stack" : "") + " can see it.",
                    req);
        }
        if (s == 429) {
            String wait = f.retryAfterMillis() >= 0
                    ? "; it asked us to wait " + DurationFormat.format(Duration.ofMillis(f.retryAfterMillis()))
                    : "";
            return new RateLimitedException(
                    "k6 Cloud is limiting the rate of requests (" + statusLine + ") for "
                            + req + wait + "." + said + " The plugin waits and retries by itself; if this keeps"
                            + " happening, run fewer k6 Cloud builds at once.",
                    req,
                    f.retryAfterMillis());
        }
        if (s >= 500 && s <= 599) {
            return new ServerException(
                    "k6 Cloud, or a proxy in front of it, failed (" + statusLine + ") for " + req + "." + said
                            + " This is usually temporary: try again later.",
                    req,
                    s);
        }
        if (s >= 400 && s <= 499) {
            String message = "k6 Cloud rejected " + req + " (" + statusLine + ")." + said
                    + " Fix what k6 Cloud reports (for example a subscription limit or an invalid load test)"
                    + " and try again.";
            // a body that is not a k6 Cloud error (an HTML page, say) comes from another server or a proxy
            return f.body() == null || f.body().isBlank() || K6ErrorBody.describe(f.body()) != null
                    ? new ProtocolException(message, req, s, null)
                    : ProtocolException.notK6Api(message, req, s);
        }
        return ProtocolException.notK6Api(
                "k6 Cloud answered " + req + " with an unexpected " + statusLine + "." + said
                        + " Check the k6 Cloud API URL and any proxy between Jenkins and k6 Cloud.",
                req,
                s);
    }

    private String statusLine(Failure f) {
        String reason = f.reason() == null
                ? ""
                : redact.apply(f.reason()).replaceAll("\\p{Cntrl}", "").strip();
        if (reason.length() > 60) {
            reason = reason.substring(0, 60);
        }
        return "HTTP " + f.status() + (reason.isEmpty() ? "" : " " + reason);
    }

    /** What the server said, as a sentence starting with a space, or "" when it said nothing useful. */
    private String said(String body) {
        String k6 = K6ErrorBody.describe(body);
        if (k6 != null) {
            return " k6 Cloud says: " + redact.apply(k6) + ".";
        }
        if (body == null || body.isBlank()) {
            return "";
        }
        if (body.strip().startsWith("<")) {
            return " The answer is an HTML page, probably from a proxy.";
        }
        return " The answer says: \"" + redact.apply(K6CloudJson.snippet(body)) + "\".";
    }
}
