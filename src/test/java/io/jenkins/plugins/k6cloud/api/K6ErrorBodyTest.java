package io.jenkins.plugins.k6cloud.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

/** Rendering k6 Cloud error bodies (v2 and v6 shapes) as one line. */
public class K6ErrorBodyTest {

    @Test
    public void v2MessageAndCode() {
        assertEquals(
                "\"Invalid token.\" (code 6)",
                K6CloudException.describeError("{\"error\":{\"message\":\"Invalid token.\",\"code\":6}}"));
    }

    @Test
    public void errorsDuplicatingTheMessageAreDropped() {
        assertEquals(
                "\"Not found.\" (code 3); also this",
                K6CloudException.describeError("{\"error\":{\"message\":\"Not found.\",\"code\":3,\"detail_code\":0,"
                        + "\"errors\":[\"Not found.\",\"also this\"]}}"));
    }

    @Test
    public void fieldErrorsAndTheOldDetailsMapAreListed() {
        assertEquals(
                "\"Validation failed\" (code 2); Project matching ID 1 not found in stack 1.; "
                        + "vus: Ensure this value is less than or equal to 100., must be whole; name: Too short.",
                K6CloudException.describeError("{\"error\":{\"code\":2,\"message\":\"Validation failed\",\"errors\":"
                        + "[\"Project matching ID 1 not found in stack 1.\"],\"field_errors\":{\"vus\":"
                        + "[\"Ensure this value is less than or equal to 100.\",\"must be whole\"]},"
                        + "\"details\":{\"name\":[\"Too short.\"]}}}"));
    }

    @Test
    public void v6StringCodesAndDetailsListWork() {
        assertEquals(
                "\"Invalid token\" (code error)",
                K6CloudException.describeError("{\"error\":{\"code\":\"error\",\"message\":\"Invalid token\"}}"));
        assertEquals(
                "\"Validation failed\" (code validation); vus: too many",
                K6CloudException.describeError(
                        "{\"error\":{\"code\":\"validation\",\"message\":\"Validation failed\","
                                + "\"target\":null,\"details\":[{\"message\":\"too many\",\"code\":\"x\",\"target\":\"vus\"}]}}"));
    }

    @Test
    public void gatewayShapesAreUnderstood() {
        assertEquals(
                "\"Rate limit exceeded\"", K6CloudException.describeError("{\"message\":\"Rate limit exceeded\"}"));
        assertEquals("\"Not found.\"", K6CloudException.describeError("{\"detail\":\"Not found.\"}"));
        assertEquals("\"boom\"", K6CloudException.describeError("{\"error\":\"boom\"}"));
    }

    @Test
    public void anythingElseIsNotAK6Error() {
        assertNull(K6CloudException.describeError(null));
        assertNull(K6CloudException.describeError(""));
        assertNull(K6CloudException.describeError("<html>502</html>"));
        assertNull(K6CloudException.describeError("{\"k6-run\":{}}"));
        assertNull(K6CloudException.describeError("{\"error\":{}}"));
        assertNull(K6CloudException.describeError("{broken"));
        assertNull(K6CloudException.describeError("[\"error\"]"));
    }

    @Test
    public void longErrorsAreCut() {
        String d = K6CloudException.describeError("{\"error\":{\"message\":\"" + "m".repeat(2000) + "\"}}");
        assertEquals(503, d.length());
    }
}
