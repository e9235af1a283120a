package io.jenkins.plugins.k6cloud.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/** One request, whichever the API; {@code $select} keeps its {@code $} and commas literal, as k6's documentation writes it. */
final class ApiRequest {
    record QueryParam(String name, String value, boolean encoded) {}

    final String method;
    final String path;
    final RequestBody body;
    final List<QueryParam> query = new ArrayList<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    /** Replaces the flavour's {@code Authorization} scheme: the metrics reads take {@code Token} on v6 too. */
    String authScheme;

    private ApiRequest(String method, String path, RequestBody body) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("API paths start with /: " + path);
        }
        this.method = method;
        this.path = path;
        this.body = body;
    }

    static long positive(long id, String what) {
        if (id <= 0) {
            throw new IllegalArgumentException("A k6 Cloud " + what + " id is a positive number, got " + id);
        }
        return id;
    }

    static ApiRequest get(String path) {
        return new ApiRequest("GET", path, null);
    }

    /** With the body {@code {}}: v2's start and stop take no parameters. */
    static ApiRequest post(String path) {
        return new ApiRequest("POST", path, json("{}"));
    }

    /** Without a body: v6 start and abort declare none (k6 sends none either). */
    static ApiRequest postEmpty(String path) {
        return new ApiRequest("POST", path, RequestBody.create(new byte[0], null));
    }

    static ApiRequest withBody(String method, String path, RequestBody body) {
        return new ApiRequest(method, path, Objects.requireNonNull(body, "body"));
    }

    static RequestBody json(String text) {
        return RequestBody.create(text.getBytes(StandardCharsets.UTF_8), MediaType.get("application/json"));
    }

    ApiRequest param(String name, Object value) {
        if (value != null) {
            query.add(new QueryParam(name, value.toString(), false));
        }
        return this;
    }

    ApiRequest encodedParam(String name, String value) {
        query.add(new QueryParam(name, value, true));
        return this;
    }

    ApiRequest select(List<String> fields) {
        return encodedParam("$select", String.join(",", fields));
    }

    ApiRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    ApiRequest authScheme(String scheme) {
        authScheme = scheme;
        return this;
    }

    /** {@code "GET /loadtests/v2/runs/42"}: how messages name a request (no host, no query). */
    String name() {
        return method + " " + path;
    }

    @Override
    public String toString() {
        return name();
    }
}
