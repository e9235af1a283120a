package io.jenkins.plugins.k6cloud.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The error body of k6 Cloud: v2 {@code {"error":{"message","code":int,"errors":[...],
 * "field_errors":{f:[...]},"details":{f:[...]}}}} or v6 {@code {"error":{"message","code":"string",
 * "details":[{"message","target"}]}}}, rendered as one line for an exception message.
 */
final class K6ErrorBody {
    private static final int MAX_LENGTH = 500;

    private K6ErrorBody() {}

    /** {@code "Invalid token." (code 6); more; field: a, b}, or {@code null} when the body is not a k6 error. */
    static String describe(String body) {
        JsonObject error = errorObject(body);
        if (error == null) {
            return null;
        }
        String message = K6CloudJson.string(error, "message");
        String code = K6CloudJson.string(error, "code");
        List<String> parts = new ArrayList<>();
        StringBuilder head = new StringBuilder();
        if (message != null && !message.isBlank()) {
            head.append('"').append(message.strip()).append('"');
        }
        if (code != null && !code.isBlank()) {
            head.append(head.length() > 0 ? " " : "")
                    .append("(code ")
                    .append(code.strip())
                    .append(')');
        }
        if (head.length() > 0) {
            parts.add(head.toString());
        }
        for (String e : strings(error.get("errors"))) {
            if (!e.equals(message)) {
                parts.add(e);
            }
        }
        addFieldErrors(error.get("field_errors"), parts);
        addFieldErrors(error.get("details"), parts);
        if (parts.isEmpty()) {
            return null;
        }
        String text = String.join("; ", parts).replaceAll("\\p{Cntrl}", " ");
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
    }

    private static JsonObject errorObject(String body) {
        if (body == null || body.isBlank() || !body.strip().startsWith("{")) {
            return null;
        }
        try {
            JsonElement root = JsonParser.parseString(body);
            if (!root.isJsonObject()) {
                return null;
            }
            JsonElement error = root.getAsJsonObject().get("error");
            if (error != null && error.isJsonObject()) {
                return error.getAsJsonObject();
            }
            if (error != null && error.isJsonPrimitive()) {
                JsonObject o = new JsonObject();
                o.add("message", error);
                return o;
            }
            // Gateways in front of APIs often answer {"message": "..."} or {"detail": "..."}.
            JsonObject o = root.getAsJsonObject();
            String message = K6CloudJson.string(o, "message");
            if (message == null) {
                message = K6CloudJson.string(o, "detail");
            }
            if (message == null) {
                return null;
            }
            JsonObject wrapped = new JsonObject();
            wrapped.addProperty("message", message);
            return wrapped;
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static void addFieldErrors(JsonElement e, List<String> parts) {
        if (e == null) {
            return;
        }
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> field : e.getAsJsonObject().entrySet()) {
                List<String> msgs = strings(field.getValue());
                if (!msgs.isEmpty()) {
                    parts.add(field.getKey() + ": " + String.join(", ", msgs));
                }
            }
        } else if (e.isJsonArray()) {
            for (JsonElement item : (JsonArray) e) {
                if (item.isJsonObject()) {
                    String msg = K6CloudJson.string(item.getAsJsonObject(), "message");
                    String target = K6CloudJson.string(item.getAsJsonObject(), "target");
                    if (msg != null) {
                        parts.add(target == null ? msg : target + ": " + msg);
                    }
                }
            }
        }
    }

    private static List<String> strings(JsonElement e) {
        List<String> out = new ArrayList<>();
        if (e == null || e.isJsonNull()) {
            return out;
        }
        if (e.isJsonPrimitive()) {
            out.add(e.getAsString());
        } else if (e.isJsonArray()) {
            for (JsonElement item : (JsonArray) e) {
                if (item.isJsonPrimitive()) {
                    out.add(item.getAsString());
                }
            }
        }
        return out;
    }
}
