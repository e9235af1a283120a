package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the simulator answers: a status, a content type, a body and extra headers, or {@link #drop()} to close the
 * connection without any response.
 */
record SimResponse(int status, String contentType, byte[] body, Map<String, String> headers, boolean dropped) {
    private static final Gson GSON =
            new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    static SimResponse json(int status, JsonElement body) {
        return new SimResponse(
                status, "application/json", GSON.toJson(body).getBytes(StandardCharsets.UTF_8), Map.of(), false);
    }

    /** A JSON answer written out as text (a fixed shape). */
    static SimResponse json(int status, String json) {
        return json(status, com.google.gson.JsonParser.parseString(json));
    }

    static SimResponse text(int status, String contentType, String body) {
        return new SimResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of(), false);
    }

    static SimResponse noContent() {
        return new SimResponse(204, null, new byte[0], Map.of(), false);
    }

    static SimResponse drop() {
        return new SimResponse(0, null, new byte[0], Map.of(), true);
    }

    SimResponse withHeader(String name, String value) {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put(name, value);
        return new SimResponse(status, contentType, body, Map.copyOf(h), dropped);
    }
}
