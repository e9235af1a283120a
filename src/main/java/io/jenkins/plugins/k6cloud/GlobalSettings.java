package io.jenkins.plugins.k6cloud;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import io.jenkins.plugins.k6cloud.engine.DurationFormat;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import java.net.URI;

/**
 * A snapshot of the global k6 Cloud settings a run needs, taken from
 * {@link K6CloudGlobalConfiguration} when the run is prepared. Plain values, so the decisions that
 * use them are testable without Jenkins.
 *
 * @param apiUrl the k6 Cloud API base address
 * @param webAppUrl the base of run links
 * @param stackId the Grafana stack id sent with every request, or {@code null}
 * @param credentialsId the default credentials, or {@code null}
 * @param pollInterval the default poll interval, as typed (e.g. {@code 5s})
 * @param timeout the default timeout, as typed (e.g. {@code 2h})
 * @param apiFlavour the k6 Cloud API the clients speak; {@code null} means v2, the default
 */
public record GlobalSettings(
        String apiUrl,
        String webAppUrl,
        Long stackId,
        String credentialsId,
        String pollInterval,
        String timeout,
        ApiFlavour apiFlavour) {

    public static final String DEFAULT_API_URL = K6CloudDefaults.API_URL;
    public static final String DEFAULT_WEB_APP_URL = RunSettings.DEFAULT_WEB_APP_URL;
    public static final String DEFAULT_POLL_INTERVAL = DurationFormat.format(RunSettings.DEFAULT_POLL_INTERVAL);
    public static final String DEFAULT_TIMEOUT = DurationFormat.format(RunSettings.DEFAULT_TIMEOUT);

    public GlobalSettings {
        apiFlavour = apiFlavour == null ? ApiFlavour.V2 : apiFlavour;
    }

    /** Settings of the v2 API, the default. */
    public GlobalSettings(
            String apiUrl, String webAppUrl, Long stackId, String credentialsId, String pollInterval, String timeout) {
        this(apiUrl, webAppUrl, stackId, credentialsId, pollInterval, timeout, ApiFlavour.V2);
    }

    /** The same settings with another API flavour. */
    public GlobalSettings withApiFlavour(ApiFlavour f) {
        return new GlobalSettings(apiUrl, webAppUrl, stackId, credentialsId, pollInterval, timeout, f);
    }

    /** The settings of a fresh installation. */
    public static GlobalSettings defaults() {
        return new GlobalSettings(
                DEFAULT_API_URL, DEFAULT_WEB_APP_URL, null, null, DEFAULT_POLL_INTERVAL, DEFAULT_TIMEOUT);
    }

    /**
     * The API address as a URI.
     *
     * @throws IllegalArgumentException when the saved address is not an http(s) URL, with a message
     *     that says to fix the API URL in the global configuration
     */
    public URI apiUri() {
        URI uri = FormChecks.httpUri(apiUrl);
        if (uri == null) {
            throw new IllegalArgumentException(Messages.GlobalSettings_BadApiUrl(apiUrl, DEFAULT_API_URL));
        }
        return uri;
    }
}
