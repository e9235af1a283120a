package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The v2 error body {@code {"error":{"message":..., "code":<int>}}} and its codes. */
final class V2Errors {
    static final int UNKNOWN = 0;
    static final int GENERAL = 1;
    static final int VALIDATION = 2;
    static final int NOT_FOUND = 3;
    static final int NOT_ALLOWED = 4;
    static final int NOT_AUTHENTICATED = 5;
    static final int AUTHENTICATION_FAILED = 6;
    static final int METHOD_NOT_ALLOWED = 7;

    private V2Errors() {}

    static SimResponse error(int status, int code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("message", message);
        error.addProperty("code", code);
        JsonObject body = new JsonObject();
        body.add("error", error);
        return SimResponse.json(status, body);
    }

    static SimResponse notFound() {
        JsonObject error = new JsonObject();
        error.addProperty("message", "Not found.");
        error.addProperty("code", NOT_FOUND);
        error.addProperty("detail_code", 0);
        JsonArray errors = new JsonArray();
        errors.add("Not found.");
        error.add("errors", errors);
        JsonObject body = new JsonObject();
        body.add("error", error);
        return SimResponse.json(404, body);
    }
}
