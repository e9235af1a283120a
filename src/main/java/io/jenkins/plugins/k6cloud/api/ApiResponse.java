package io.jenkins.plugins.k6cloud.api;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.function.UnaryOperator;

/** A 2xx answer; {@code redact} removes the token from body text quoted in messages. */
record ApiResponse(String request, int status, String body, UnaryOperator<String> redact) {

    JsonObject json() throws K6CloudException.ProtocolException {
        return K6CloudJson.parseObject(body, request, status, redact);
    }

    JsonObject envelope(String key) throws K6CloudException.ProtocolException {
        return K6CloudJson.envelope(json(), key, request, status);
    }

    List<JsonObject> envelopeArray(JsonObject root, String key) throws K6CloudException.ProtocolException {
        return K6CloudJson.envelopeArray(root, key, request, status);
    }

    @Override
    public String toString() {
        return "ApiResponse[" + request + " -> " + status + ", " + (body == null ? 0 : body.length()) + " chars]";
    }
}
