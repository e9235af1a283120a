package io.jenkins.plugins.k6cloud.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

/** What counts as an http(s) address, for the API URL, the web app URL and run links alike. */
public class K6CloudDefaultsTest {
    @Test
    public void anAbsoluteHttpOrHttpsAddressWithAHostIsOne() {
        assertEquals(
                "https://api.k6.io",
                K6CloudDefaults.httpUri(" https://api.k6.io ").toString());
        assertEquals(
                "http://127.0.0.1:8080/x",
                K6CloudDefaults.httpUri("http://127.0.0.1:8080/x").toString());
        assertEquals(
                "HTTPS://api.k6.io",
                K6CloudDefaults.httpUri("HTTPS://api.k6.io").toString());
    }

    @Test
    public void otherSchemesRelativeLinksAndNonsenseAreNot() {
        assertNull(K6CloudDefaults.httpUri("javascript:alert(1)"));
        assertNull(K6CloudDefaults.httpUri("ftp://example.com"));
        assertNull(K6CloudDefaults.httpUri("//evil.example/runs/42"));
        assertNull(K6CloudDefaults.httpUri("/runs/42"));
        assertNull(K6CloudDefaults.httpUri("https://"));
        assertNull(K6CloudDefaults.httpUri("https://app.k6.io/runs/<42>"));
        assertNull(K6CloudDefaults.httpUri(""));
        assertNull(K6CloudDefaults.httpUri(null));
    }
}
