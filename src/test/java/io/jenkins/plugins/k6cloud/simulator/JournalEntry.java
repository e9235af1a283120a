package io.jenkins.plugins.k6cloud.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the simulator served.
 *
 * @param seq the order in which requests were served, from 1
 * @param time when it arrived, on the simulator clock
 * @param rawQuery the query string exactly as received (still percent-encoded), or {@code null}
 * @param params the decoded query parameters, in the order received
 * @param stackId the {@code X-Stack-Id} header, or {@code null}
 * @param authValid whether the request carried an accepted token
 * @param status the HTTP status sent, or 0 when the connection was closed without a response
 * @param fault the fault applied to it, or {@code null}
 * @param testId the load test it was about, or {@code null}
 * @param runId the run it was about (for START: the run it created), or {@code null}
 * @param headers the request headers by lowercase name (first values); {@code authorization} holds
 *     only the scheme, never the token
 * @param body the request body (its first {@link HttpFrontend#KEPT_BODY_BYTES} bytes)
 * @param responseType the {@code Content-Type} answered, or {@code null}
 * @param responseBody the body answered (empty for none or a dropped connection)
 */
public record JournalEntry(
        long seq,
        Instant time,
        String method,
        String path,
        String rawQuery,
        Map<String, List<String>> params,
        Endpoint endpoint,
        String stackId,
        boolean authValid,
        int status,
        Fault fault,
        Long testId,
        Long runId,
        Map<String, String> headers,
        byte[] body,
        String responseType,
        byte[] responseBody) {

    /** The first decoded value of query parameter {@code name}, or {@code null}. */
    public String param(String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Whether the client got a response (the connection was not dropped). */
    public boolean answered() {
        return status != 0;
    }

    @Override
    public String toString() {
        return "#" + seq + " " + method + " " + path + (rawQuery == null ? "" : "?" + rawQuery) + " -> "
                + (status == 0 ? "dropped" : status) + (fault == null ? "" : " [" + fault + "]");
    }
}
