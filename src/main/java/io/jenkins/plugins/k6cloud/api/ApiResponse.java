package io.jenkins.plugins.k6cloud.api;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A successful (2xx) answer: its status and its body as text.
 *
 * @param request the request it answers, as {@code "METHOD /path"}
 * @param redact removes the token from body text quoted in messages
 */
record ApiResponse(String request, int status, String body, UnaryOperator<String> redact) {

    /** The body as a JSON object, or a {@link K6CloudException.ProtocolException} naming the request. */
    JsonObject json() throws K6CloudException.ProtocolException {
        return K6CloudJson.parseObject(body, request, status, redact);
    }

    /** The object under {@code key} in the body (a v2 envelope such as {@code k6-run}); its absence is an error. */
    JsonObject envelope(String key) throws K6CloudException.ProtocolException {
        return K6CloudJson.envelope(json(), key, request, status);
    }

    /** The objects of the array under {@code key} in {@code root}, this answer's body; see {@link K6CloudJson#envelopeArray}. */
    List<JsonObject> envelopeArray(JsonObject root, String key) throws K6CloudException.ProtocolException {
        return K6CloudJson.envelopeArray(root, key, request, status);
    }

    @Override
    public String toString() {
        return "ApiResponse[" + request + " -> " + status + ", " + (body == null ? 0 : body.length()) + " chars]";
    }
}
