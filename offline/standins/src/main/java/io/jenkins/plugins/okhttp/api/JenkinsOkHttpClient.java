package io.jenkins.plugins.okhttp.api;

import jenkins.model.Jenkins;
import okhttp3.OkHttpClient;

/**
 * Stand-in of okhttp-api's {@code JenkinsOkHttpClient}. As the real one, it reads Jenkins' proxy
 * settings, so outside a running Jenkins it fails with {@link IllegalStateException}.
 */
public class JenkinsOkHttpClient {
    private JenkinsOkHttpClient() {}

    public static OkHttpClient.Builder newClientBuilder(OkHttpClient httpClient) {
        OkHttpClient.Builder builder = httpClient.newBuilder();
        Jenkins.get(); // the real one applies Jenkins.get().proxy here
        return builder;
    }
}
