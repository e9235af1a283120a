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
 */
record SimRequest(
        String method,
        String path,
        String rawQuery,
        Map<String, List<String>> params,
        Function<String, String> header) {

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
