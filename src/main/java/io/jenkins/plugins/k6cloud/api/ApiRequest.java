package io.jenkins.plugins.k6cloud.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request to a k6 Cloud API, independent of the API flavour: method, API path, query and
 * extra headers. {@link ApiTransport} adds the base URL, authentication and common headers.
 *
 * <p>Query encoding (decided here, checked on the wire by the tests): ordinary parameters are
 * percent-encoded as usual ({@code created_after=2026-03-01T09%3A59%3A00Z}); {@code $select} keeps
 * its {@code $} and its commas literal ({@code $select=id,run_status}) as in the k6 documentation,
 * which is safe because the field names (constants of the plugin) are plain words.
 */
final class ApiRequest {
    /** One query parameter; {@code encoded} means name and value are already percent-encoded. */
    record QueryParam(String name, String value, boolean encoded) {}

    private final String method;
    private final String path;
    private final boolean hasBody;
    private final List<QueryParam> query = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String authScheme;

    private ApiRequest(String method, String path, boolean hasBody) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("API paths start with /: " + path);
        }
        this.method = method;
        this.path = path;
        this.hasBody = hasBody;
    }

    /** Checks a run or load test id before it goes into a request path. */
    static long positive(long id, String what) {
        if (id <= 0) {
            throw new IllegalArgumentException("A k6 Cloud " + what + " id is a positive number, got " + id);
        }
        return id;
    }

    static ApiRequest get(String path) {
        return new ApiRequest("GET", path, false);
    }

    /** A POST with the body {@code {}} (k6 Cloud's POST endpoints used here take no parameters). */
    static ApiRequest post(String path) {
        return new ApiRequest("POST", path, true);
    }

    ApiRequest param(String name, Object value) {
        if (value != null) {
            query.add(new QueryParam(name, value.toString(), false));
        }
        return this;
    }

    /**
     * A parameter whose name and value are already percent-encoded, sent as they are (v6 paging:
     * {@code $top}, {@code $skip}, and the query of an {@code @nextLink}).
     */
    ApiRequest encodedParam(String name, String value) {
        query.add(new QueryParam(name, value, true));
        return this;
    }

    /** {@code $select=a,b,c}: only these fields of the answer. */
    ApiRequest select(List<String> fields) {
        query.add(new QueryParam("$select", String.join(",", fields), true));
        return this;
    }

    ApiRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /**
     * Sends this request with {@code Authorization: <scheme> <token>} instead of the flavour's
     * scheme (the metrics reads take {@code Token} on both flavours, see {@link RunMetrics}).
     */
    ApiRequest authScheme(String scheme) {
        authScheme = scheme;
        return this;
    }

    /** The scheme that replaces the flavour's, or {@code null}. */
    String authScheme() {
        return authScheme;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    boolean hasBody() {
        return hasBody;
    }

    List<QueryParam> query() {
        return Collections.unmodifiableList(query);
    }

    Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** {@code "GET /loadtests/v2/runs/42"}: how requests are named in messages (no host, no query). */
    String name() {
        return method + " " + path;
    }

    @Override
    public String toString() {
        return name();
    }
}
