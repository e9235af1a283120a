package io.jenkins.plugins.k6cloud.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/**
 * One request to a k6 Cloud API, independent of the API flavour: method, API path, query, extra
 * headers and body. {@link ApiTransport} adds the base URL, authentication and common headers.
 *
 * <p>Query encoding (decided here, checked on the wire by the tests): ordinary parameters are
 * percent-encoded as usual ({@code created_after=2026-03-01T09%3A59%3A00Z}); {@code $select} keeps
 * its {@code $} and its commas literal ({@code $select=id,run_status}) as in the k6 documentation,
 * which is safe because the field names (constants of the plugin) are plain words.
 */
final class ApiRequest {
    /** One query parameter; {@code encoded} means name and value are already percent-encoded. */
    record QueryParam(String name, String value, boolean encoded) {}

    static final MediaType JSON = MediaType.get("application/json");
    private static final RequestBody EMPTY_OBJECT = json("{}");

    private final String method;
    private final String path;
    private final RequestBody body;
    private final List<QueryParam> query = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String authScheme;

    private ApiRequest(String method, String path, RequestBody body) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("API paths start with /: " + path);
        }
        this.method = method;
        this.path = path;
        this.body = body;
    }

    /** Checks a run or load test id before it goes into a request path. */
    static long positive(long id, String what) {
        if (id <= 0) {
            throw new IllegalArgumentException("A k6 Cloud " + what + " id is a positive number, got " + id);
        }
        return id;
    }

    static ApiRequest get(String path) {
        return new ApiRequest("GET", path, null);
    }

    /** A POST with the body {@code {}} (v2's start and stop take no parameters). */
    static ApiRequest post(String path) {
        return new ApiRequest("POST", path, EMPTY_OBJECT);
    }

    /** A POST without a body: v6 start and abort declare none (k6 sends none either). */
    static ApiRequest postEmpty(String path) {
        return new ApiRequest("POST", path, RequestBody.create(new byte[0], null));
    }

    /**
     * A request with {@code body}, which OkHttp writes anew for every attempt (so a body that streams
     * from a file must open it in {@link RequestBody#writeTo}, as {@link ScriptBody} does).
     */
    static ApiRequest withBody(String method, String path, RequestBody body) {
        return new ApiRequest(method, path, java.util.Objects.requireNonNull(body, "body"));
    }

    /** {@code text} as an {@code application/json} body (UTF-8; the type names no charset, as before). */
    static RequestBody json(String text) {
        return RequestBody.create(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), JSON);
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

    /** The body, or {@code null} for none. */
    RequestBody body() {
        return body;
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
