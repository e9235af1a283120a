package io.jenkins.plugins.k6cloud;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import java.io.Serializable;

/**
 * The k6 Cloud API a run was started with: flavour, address, stack and where the token came from
 * (a credentials id, or {@code null} for the {@code K6_CLOUD_TOKEN} variable), never the token
 * itself. A Pipeline step keeps it, so that after a restart it talks to the same API even if the
 * global configuration changed meanwhile.
 */
public final class ApiConnection implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String apiFlavour;
    private final String apiUrl;
    private final Long stackId;
    private final String credentialsId;

    public ApiConnection(ApiFlavour apiFlavour, String apiUrl, Long stackId, String credentialsId) {
        this.apiFlavour = apiFlavour.id();
        this.apiUrl = apiUrl;
        this.stackId = stackId;
        this.credentialsId = credentialsId;
    }

    /** The connection of a run prepared with {@code global} and a token from {@code source}. */
    static ApiConnection of(GlobalSettings global, TokenSource source) {
        return new ApiConnection(global.apiFlavour(), global.apiUrl(), global.stackId(), source.credentialsId());
    }

    public ApiFlavour apiFlavour() {
        return ApiFlavour.parse(apiFlavour);
    }

    public String apiUrl() {
        return apiUrl;
    }

    public Long stackId() {
        return stackId;
    }

    /** The credentials the token is read from, or {@code null} for the {@code K6_CLOUD_TOKEN} variable. */
    public String credentialsId() {
        return credentialsId;
    }

    TokenSource tokenSource() {
        return new TokenSource(credentialsId);
    }

    /** Global settings that make a client of this connection (the run settings are saved elsewhere). */
    GlobalSettings asSettings() {
        return new GlobalSettings(
                apiUrl,
                GlobalSettings.DEFAULT_WEB_APP_URL,
                stackId,
                credentialsId,
                GlobalSettings.DEFAULT_POLL_INTERVAL,
                GlobalSettings.DEFAULT_TIMEOUT,
                apiFlavour());
    }

    @Override
    public String toString() {
        return "ApiConnection[" + apiFlavour + " " + apiUrl + (stackId == null ? "" : ", stack " + stackId)
                + (credentialsId == null ? ", token from K6_CLOUD_TOKEN" : ", credentials " + credentialsId) + "]";
    }
}
