package io.jenkins.plugins.k6cloud.api;

/**
 * A successful (2xx) answer: its status and its body as text.
 *
 * @param request the request it answers, as {@code "METHOD /path"}
 */
record ApiResponse(String request, int status, String body) {

    /** The body as a JSON object, or a {@link K6CloudException.ProtocolException} naming the request. */
    com.google.gson.JsonObject json() throws K6CloudException.ProtocolException {
        return K6CloudJson.parseObject(body, request, status);
    }

    @Override
    public String toString() {
        return "ApiResponse[" + request + " -> " + status + ", " + (body == null ? 0 : body.length()) + " chars]";
    }
}
