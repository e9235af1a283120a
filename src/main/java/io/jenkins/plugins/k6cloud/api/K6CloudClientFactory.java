package io.jenkins.plugins.k6cloud.api;

import java.net.URI;
import java.util.Objects;
import okhttp3.OkHttpClient;

/** Builds the client of an {@link ApiFlavour}: the one place that chooses between v2 and v6. */
public final class K6CloudClientFactory {

    private K6CloudClientFactory() {}

    /**
     * @throws IllegalArgumentException for v6 without a stack id in {@code options} (before any
     *     request), or an API URL that is not an http(s) URL
     */
    public static K6CloudClient create(
            ApiFlavour flavour, OkHttpClient http, URI baseUri, ApiToken token, ClientOptions options) {
        switch (Objects.requireNonNull(flavour, "flavour")) {
            case V6:
                return new V6K6CloudClient(http, baseUri, token, options);
            case V2:
            default:
                return new HttpK6CloudClient(http, baseUri, token, options);
        }
    }
}
