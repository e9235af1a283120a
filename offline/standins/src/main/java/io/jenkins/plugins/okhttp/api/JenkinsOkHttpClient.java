package io.jenkins.plugins.okhttp.api;

import okhttp3.OkHttpClient;

/** Stand-in of okhttp-api's {@code JenkinsOkHttpClient}: offline there is no Jenkins proxy to apply. */
public class JenkinsOkHttpClient {
    private JenkinsOkHttpClient() {}

    public static OkHttpClient.Builder newClientBuilder(OkHttpClient httpClient) {
        return httpClient.newBuilder();
    }
}
