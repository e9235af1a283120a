package io.jenkins.plugins.k6cloud.simulator;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A request as the routes see it.
 *
 * @param path the decoded path
 * @param rawQuery the query string exactly as received, or {@code null}
 * @param params the decoded query parameters
 * @param header looks up the first value of a request header (case-insensitive), or {@code null}
 * @param body the request body, whole unless it is longer than {@link HttpFrontend#KEPT_BODY_BYTES}
 * @param bodySize the length of the whole body
 * @param bodySha256 the SHA-256 of the whole body, in lowercase hex
 */
record SimRequest(
        String method,
        String path,
        String rawQuery,
        Map<String, List<String>> params,
        Function<String, String> header,
        byte[] body,
        long bodySize,
        String bodySha256) {

    String param(String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    List<String> params(String name) {
        List<String> v = params.get(name);
        return v == null ? List.of() : v;
    }

    String header(String name) {
        return header.apply(name);
    }
}
