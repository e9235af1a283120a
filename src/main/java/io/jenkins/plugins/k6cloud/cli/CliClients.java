package io.jenkins.plugins.k6cloud.cli;

import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import okhttp3.OkHttpClient;

/** Builds the k6 Cloud client the command-line runner uses. */
final class CliClients {

    private CliClients() {}

    /** The HTTP client of the target's flavour, sending its stack id, with the default timeouts and retries. */
    static K6CloudClient forTarget(K6CloudCli.ClientTarget t) {
        ClientOptions options = ClientOptions.defaults().withStackId(t.stackId());
        return new HttpK6CloudClient(t.flavour(), new OkHttpClient(), t.apiUrl(), t.token(), options);
    }
}
