package io.jenkins.plugins.k6cloud.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import java.time.Instant;
import org.junit.Test;

/** The lenient reading of k6 Cloud JSON. */
public class K6CloudJsonTest {

    private static JsonObject o(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    @Test
    public void wholeNumbersComeFromNumbersOrNumericStrings() {
        JsonObject o = o("{\"a\":42,\"b\":\"42\",\"c\":\"75.0\",\"d\":75.5,\"e\":\"x\",\"f\":true,\"g\":null,"
                + "\"h\":\" 7 \",\"i\":1e3,\"j\":99999999999}");
        assertEquals(Long.valueOf(42), K6CloudJson.longValue(o, "a"));
        assertEquals(Long.valueOf(42), K6CloudJson.longValue(o, "b"));
        assertEquals(Long.valueOf(75), K6CloudJson.longValue(o, "c"));
        assertNull("not a whole number", K6CloudJson.longValue(o, "d"));
        assertNull(K6CloudJson.longValue(o, "e"));
        assertNull(K6CloudJson.longValue(o, "f"));
        assertNull(K6CloudJson.longValue(o, "g"));
        assertNull("missing", K6CloudJson.longValue(o, "zz"));
        assertEquals(Long.valueOf(7), K6CloudJson.longValue(o, "h"));
        assertEquals(Integer.valueOf(1000), K6CloudJson.intValue(o, "i"));
        assertNull("does not fit an int", K6CloudJson.intValue(o, "j"));
        assertEquals(Long.valueOf(99999999999L), K6CloudJson.longValue(o, "j"));
    }

    @Test
    public void decimalsBooleansAndStringsAreLenient() {
        JsonObject o = o("{\"a\":\"75.0\",\"b\":612.5,\"c\":\"true\",\"d\":false,\"e\":1,\"f\":\"maybe\","
                + "\"g\":12,\"h\":{\"x\":1},\"i\":\"TRUE \",\"j\":0,\"k\":true}");
        assertEquals(Double.valueOf(75.0), K6CloudJson.doubleValue(o, "a"));
        assertEquals(Double.valueOf(612.5), K6CloudJson.doubleValue(o, "b"));
        assertTrue(K6CloudJson.isTrue(o, "c"));
        assertFalse(K6CloudJson.isTrue(o, "d"));
        assertTrue(K6CloudJson.isTrue(o, "e"));
        assertFalse("not a boolean", K6CloudJson.isTrue(o, "f"));
        assertTrue(K6CloudJson.isTrue(o, "i"));
        assertFalse(K6CloudJson.isTrue(o, "j"));
        assertTrue(K6CloudJson.isTrue(o, "k"));
        assertFalse("missing", K6CloudJson.isTrue(o, "none"));
        assertFalse("an object", K6CloudJson.isTrue(o, "h"));
        assertEquals("12", K6CloudJson.string(o, "g"));
        assertNull("an object is not a string", K6CloudJson.string(o, "h"));
        assertNull(K6CloudJson.string(null, "a"));
    }

    @Test
    public void everyDateFormOfK6CloudIsRead() {
        assertEquals(Instant.parse("2020-08-13T18:28:45Z"), K6CloudJson.parseInstant("2020-08-13T18:28:45Z"));
        assertEquals(
                "no zone means UTC",
                Instant.parse("2020-08-18T13:33:41Z"),
                K6CloudJson.parseInstant("2020-08-18T13:33:41"));
        assertEquals(
                Instant.parse("2020-08-18T13:36:41.348933Z"),
                K6CloudJson.parseInstant("2020-08-18 13:36:41.348933+00:00"));
        assertEquals(
                Instant.parse("2021-05-24T12:59:18.180471Z"), K6CloudJson.parseInstant("2021-05-24T12:59:18.180471Z"));
        assertEquals(Instant.parse("2024-12-03T09:53:00.553Z"), K6CloudJson.parseInstant("2024-12-03T09:53:00.553"));
        assertEquals(Instant.parse("2024-06-24T19:44:36.460Z"), K6CloudJson.parseInstant("2024-06-24T19:44:36.46Z"));
        assertEquals(Instant.parse("2020-08-18T11:36:04Z"), K6CloudJson.parseInstant("2020-08-18 13:36:04+02:00"));
        assertEquals(Instant.parse("2020-08-18T14:36:04Z"), K6CloudJson.parseInstant("2020-08-18T13:36:04-0100"));
        assertEquals(Instant.parse("2020-08-18T10:36:04Z"), K6CloudJson.parseInstant("2020-08-18T13:36:04+03"));
        assertEquals(Instant.parse("2020-08-18T00:00:00Z"), K6CloudJson.parseInstant("2020-08-18"));
        assertEquals(Instant.parse("2020-08-18T13:36:00Z"), K6CloudJson.parseInstant("2020-08-18T13:36"));
        assertNull(K6CloudJson.parseInstant("yesterday"));
        assertNull(K6CloudJson.parseInstant("2020-13-45T99:00:00"));
        assertNull(K6CloudJson.parseInstant(""));
        assertNull(K6CloudJson.instant(o("{\"created\":1597757621}"), "created"));
    }

    @Test
    public void aBodyThatIsNotAJsonObjectIsAProtocolErrorNamingTheRequest() {
        for (String body : new String[] {"", "   ", "[1,2]", "\"ok\"", "{\"a\":", "null", "OK"}) {
            ProtocolException e = assertThrows(
                    body,
                    ProtocolException.class,
                    () -> K6CloudJson.parseObject(body, "GET /loadtests/v2/runs/42", 200, t -> t));
            assertThat(e.getMessage(), containsString("GET /loadtests/v2/runs/42"));
            assertThat(e.getMessage(), containsString("HTTP 200"));
            assertEquals("GET /loadtests/v2/runs/42", e.request());
            assertEquals(200, e.httpStatus());
        }
    }

    @Test
    public void htmlIsDescribedNotQuoted() {
        ProtocolException e = assertThrows(
                ProtocolException.class,
                () -> K6CloudJson.parseObject(
                        "<!DOCTYPE html><html><body><h1>Sign in</h1><script>x()</script></body></html>",
                        "GET /v3/organizations",
                        200,
                        t -> t));
        assertThat(e.getMessage(), containsString("an HTML page"));
        assertThat(e.getMessage(), not(containsString("<")));
        assertThat(e.getMessage(), not(containsString("Sign in")));
    }

    @Test
    public void plainTextIsQuotedShortAndOnOneLine() {
        String longText = "Service temporarily unavailable because " + "x".repeat(300) + "\nsecond line";
        assertEquals("the text \"" + longText.substring(0, 100) + "...\"", K6CloudJson.describeUnexpected(longText));
        assertEquals("first ...", K6CloudJson.snippet("first\nsecond"));
        assertEquals("a b", K6CloudJson.snippet("a\u0007b"));
    }

    @Test
    public void envelopesAreRequiredButNullArraysAreEmpty() throws Exception {
        JsonObject root = o("{\"k6-run\":{\"id\":1},\"k6-runs\":null,\"k6-tests\":{\"id\":1},\"n\":[1,{\"id\":2}]}");
        assertEquals(
                1, K6CloudJson.envelope(root, "k6-run", "GET /x", 200).get("id").getAsInt());
        assertEquals(
                0, K6CloudJson.envelopeArray(root, "k6-runs", "GET /x", 200).size());
        assertEquals(
                "non-objects are skipped",
                1,
                K6CloudJson.envelopeArray(root, "n", "GET /x", 200).size());
        ProtocolException missing = assertThrows(
                ProtocolException.class, () -> K6CloudJson.envelope(root, "k6-test", "GET /loadtests/v2/tests/1", 200));
        assertThat(missing.getMessage(), containsString("\"k6-test\""));
        assertThat(missing.getMessage(), containsString("GET /loadtests/v2/tests/1"));
        assertThrows(ProtocolException.class, () -> K6CloudJson.envelopeArray(root, "k6-tests", "GET /x", 200));
        assertThrows(ProtocolException.class, () -> K6CloudJson.envelopeArray(root, "k6-thresholds", "GET /x", 200));
    }
}
