package io.jenkins.plugins.k6cloud.cli;

import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import java.net.URI;
import okhttp3.OkHttpClient;

/** Builds the k6 Cloud client the command-line runner uses. */
final class CliClients {

    private CliClients() {}

    /** The v2 HTTP client with its default timeouts and retries. */
    static K6CloudClient http(URI apiUrl, ApiToken token) {
        return new HttpK6CloudClient(new OkHttpClient(), apiUrl, token, ClientOptions.defaults());
    }
}
