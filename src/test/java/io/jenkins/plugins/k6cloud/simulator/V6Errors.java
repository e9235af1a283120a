package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/** The v6 error body {@code {"error":{"message":..., "code":"<string>", "target":null, "details":null}}}. */
final class V6Errors {
    static final String ERROR = "error";
    static final String VALIDATION = "validation_error";
    static final String PERMISSION_DENIED = "permission_denied";
    static final String NOT_FOUND = "not_found";
    static final String CONFLICT = "conflict";
    static final String THROTTLED = "throttled";

    private V6Errors() {}

    static SimResponse error(int status, String code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("message", message);
        error.addProperty("code", code);
        error.add("target", JsonNull.INSTANCE);
        error.add("details", JsonNull.INSTANCE);
        JsonObject body = new JsonObject();
        body.add("error", error);
        return SimResponse.json(status, body);
    }

    static SimResponse notFound() {
        return error(404, NOT_FOUND, "Not found.");
    }

    /** 401 as k6's own v6 tests show it: {@code {"error":{"code":"error","message":"Invalid token"}}}. */
    static SimResponse invalidToken() {
        return error(401, ERROR, "Invalid token");
    }
}
