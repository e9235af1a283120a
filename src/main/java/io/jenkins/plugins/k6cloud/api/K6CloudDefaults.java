package io.jenkins.plugins.k6cloud.api;

/** Defaults shared by the Jenkins glue and the command-line runner. */
public final class K6CloudDefaults {
    /** The k6 Cloud API that is used when no other is configured. */
    public static final String API_URL = "https://api.k6.io";
    /** The environment variable that may hold the API token. */
    public static final String TOKEN_VARIABLE = "K6_CLOUD_TOKEN";

    private K6CloudDefaults() {}
}
