package io.jenkins.plugins.k6cloud;

import java.util.Map;

/**
 * Where the API token of one run comes from, in this order: the step's credentials, the global
 * default credentials, then the build's {@code K6_CLOUD_TOKEN} environment variable (as bound by
 * {@code withCredentials}).
 *
 * @param credentialsId the credentials to read, or {@code null} for the environment variable
 */
public record TokenSource(String credentialsId) {
    public static final String TOKEN_VARIABLE = "K6_CLOUD_TOKEN";

    /**
     * @param env the build's environment, or {@code null} when there is none
     * @throws IllegalArgumentException when no source has a token, with a message that lists the choices
     */
    public static TokenSource choose(String stepCredentialsId, String globalCredentialsId, Map<String, String> env) {
        String id = RunOptions.blankToNull(stepCredentialsId);
        if (id == null) {
            id = RunOptions.blankToNull(globalCredentialsId);
        }
        if (id != null) {
            return new TokenSource(id);
        }
        if (env != null && env.containsKey(TOKEN_VARIABLE)) {
            return new TokenSource(null);
        }
        throw new IllegalArgumentException(Messages.K6CloudCredentials_NoToken());
    }

    public boolean isEnvironment() {
        return credentialsId == null;
    }
}
