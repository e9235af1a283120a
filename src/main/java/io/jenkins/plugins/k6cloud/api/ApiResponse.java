package io.jenkins.plugins.k6cloud.api;

import com.google.gson.JsonObject;
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

    @Override
    public String toString() {
        return "ApiResponse[" + request + " -> " + status + ", " + (body == null ? 0 : body.length()) + " chars]";
    }
}
