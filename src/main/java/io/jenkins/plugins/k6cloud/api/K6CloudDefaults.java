package io.jenkins.plugins.k6cloud.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Defaults and address rules shared by the Jenkins glue, the engine and the command-line runner. */
public final class K6CloudDefaults {
    public static final String API_URL = "https://api.k6.io";
    public static final String TOKEN_VARIABLE = "K6_CLOUD_TOKEN";

    private K6CloudDefaults() {}

    /** The absolute http(s) address with a host in {@code value}, or {@code null} (relative, {@code javascript:}). */
    public static URI httpUri(String value) {
        try {
            URI uri = new URI(value == null ? "" : value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
