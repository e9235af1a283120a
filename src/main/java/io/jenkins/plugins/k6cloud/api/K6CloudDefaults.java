package io.jenkins.plugins.k6cloud.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Defaults and address rules shared by the Jenkins glue, the engine and the command-line runner. */
public final class K6CloudDefaults {
    /** The k6 Cloud API that is used when no other is configured. */
    public static final String API_URL = "https://api.k6.io";
    /** The environment variable that may hold the API token. */
    public static final String TOKEN_VARIABLE = "K6_CLOUD_TOKEN";

    private K6CloudDefaults() {}

    /**
     * The absolute http(s) address with a host in {@code value} (surrounding blanks ignored), or
     * {@code null} when it is not one (a relative link, another scheme such as {@code javascript:}).
     */
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
