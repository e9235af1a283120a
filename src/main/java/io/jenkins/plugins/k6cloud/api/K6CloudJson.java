package io.jenkins.plugins.k6cloud.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Lenient reading of k6 Cloud JSON: any field may be missing, numbers may be strings, dates come in
 * several forms; what cannot be read is {@code null}. Only a body that is no JSON object, or lacks its
 * envelope, is an error.
 */
final class K6CloudJson {

    private K6CloudJson() {}

    /** The body of a 2xx answer; {@code redact} cleans the snippet quoted when it is no JSON object. */
    static JsonObject parseObject(String body, String request, int status, UnaryOperator<String> redact)
            throws ProtocolException {
        JsonObject root = objectOrNull(body);
        if (root == null) {
            boolean truncatedJson = body != null
                    && (body.strip().startsWith("{") || body.strip().startsWith("["));
            String message = "k6 Cloud answered " + request + " with HTTP " + status + " but "
                    + redact.apply(describeUnexpected(body)) + " instead of JSON"
                    + (truncatedJson ? "; if this persists," : ":")
                    + " check that the k6 Cloud API URL points at the k6 Cloud REST API (e.g. https://api.k6.io).";
            boolean read = request != null && request.startsWith("GET ");
            boolean text = !truncatedJson && body != null && !body.isBlank(); // an HTML page, say: not k6 Cloud
            throw new ProtocolException(message, request, status, null, truncatedJson && read, text);
        }
        return root;
    }

    static JsonObject objectOrNull(String body) {
        try {
            JsonElement root = body == null || body.isBlank() ? null : JsonParser.parseString(body);
            return root != null && root.isJsonObject() ? root.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    /** The object under {@code key} (e.g. {@code "k6-run"}); its absence is an error. */
    static JsonObject envelope(JsonObject root, String key, String request, int status) throws ProtocolException {
        JsonElement e = root.get(key);
        if (e == null || !e.isJsonObject()) {
            throw missingEnvelope(key, request, status);
        }
        return e.getAsJsonObject();
    }

    /** The objects of the array under {@code key} ({@code null}: none); a missing key or no array is an error. */
    static List<JsonObject> envelopeArray(JsonObject root, String key, String request, int status)
            throws ProtocolException {
        JsonElement e = root.get(key);
        if (e == null || !(e.isJsonNull() || e.isJsonArray())) {
            throw missingEnvelope(key, request, status);
        }
        return objects(e);
    }

    static List<JsonObject> objects(JsonElement e) {
        List<JsonObject> out = new ArrayList<>();
        if (e != null && e.isJsonArray()) {
            for (JsonElement item : (JsonArray) e) {
                if (item.isJsonObject()) {
                    out.add(item.getAsJsonObject());
                }
            }
        }
        return out;
    }

    static Long id(JsonObject o, Long fallbackId) {
        Long id = longValue(o, "id");
        return id != null ? id : fallbackId;
    }

    static LoadTest loadTest(JsonObject o, long testId) {
        return new LoadTest(id(o, testId), string(o, "name"), longValue(o, "project_id"));
    }

    static JsonObject object(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    static String string(JsonObject o, String key) {
        JsonPrimitive p = primitive(o, key);
        return p == null ? null : p.getAsString();
    }

    /** {@code 42}, {@code "42"} and {@code 42.0} read as 42. */
    static Long longValue(JsonObject o, String key) {
        BigDecimal d = decimal(o, key);
        if (d == null) {
            return null;
        }
        try {
            return d.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException notWhole) {
            return null;
        }
    }

    static Integer intValue(JsonObject o, String key) {
        Long l = longValue(o, key);
        return l == null || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE ? null : (int) l.longValue();
    }

    static Double doubleValue(JsonObject o, String key) {
        BigDecimal d = decimal(o, key);
        return d == null ? null : d.doubleValue();
    }

    static boolean isTrue(JsonObject o, String key) {
        JsonPrimitive p = primitive(o, key);
        if (p == null) {
            return false;
        }
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        String s = p.getAsString().trim();
        return s.equalsIgnoreCase("true") || s.equals("1");
    }

    static Instant instant(JsonObject o, String key) {
        JsonPrimitive p = primitive(o, key);
        return p == null || !p.isString() ? null : parseInstant(p.getAsString());
    }

    /** ISO dates with {@code T} or a space, any fraction, offsets as {@code Z}, {@code +00:00}, {@code +0000}, {@code +00} or none (UTC). */
    static Instant parseInstant(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim().replaceFirst(" ", "T");
        s = s.length() == 10
                ? s + "T00:00"
                : s.replaceFirst("([+-]\\d\\d):?(\\d\\d)$", "$1:$2").replaceFirst("([+-]\\d\\d)$", "$1:00");
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(s);
            return LocalDateTime.from(t)
                    .toInstant(t.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(t) : ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    static String describeUnexpected(String body) {
        if (body == null || body.isBlank()) {
            return "an empty body";
        }
        String s = body.strip();
        if (s.startsWith("<")) {
            return "an HTML page";
        }
        return "the text \"" + snippet(s) + "\"";
    }

    static String snippet(String text) {
        String s = text.strip();
        int nl = s.indexOf('\n');
        if (nl >= 0) {
            s = s.substring(0, nl).strip() + " ...";
        }
        s = s.replaceAll("\\p{Cntrl}", " ");
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    private static ProtocolException missingEnvelope(String key, String request, int status) {
        return new ProtocolException(
                "k6 Cloud answered " + request + " with HTTP " + status + " but the JSON has no \""
                        + key + "\" in it. Check that the k6 Cloud API URL points at the k6 Cloud REST API"
                        + " (e.g. https://api.k6.io).",
                request,
                status,
                null);
    }

    private static JsonPrimitive primitive(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsJsonPrimitive() : null;
    }

    private static BigDecimal decimal(JsonObject o, String key) {
        JsonPrimitive p = primitive(o, key);
        if (p == null || p.isBoolean()) {
            return null;
        }
        try {
            return new BigDecimal(p.getAsString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
