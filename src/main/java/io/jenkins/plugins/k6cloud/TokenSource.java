package io.jenkins.plugins.k6cloud;

import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import java.util.Map;

/**
 * Where the API token of one run comes from, in this order: the step's credentials, the build's
 * {@code K6_CLOUD_TOKEN} environment variable (as bound by {@code withCredentials} around the step)
 * when it is not blank, then the global default credentials. What the job says beats what Jenkins defaults to.
 *
 * @param credentialsId the credentials to read, or {@code null} for the environment variable
 */
public record TokenSource(String credentialsId) {
    /** The same as {@link K6CloudDefaults#TOKEN_VARIABLE} (kept for the fault matrix's rows). */
    public static final String TOKEN_VARIABLE = K6CloudDefaults.TOKEN_VARIABLE;

    /**
     * @param env the build's (or step's) environment, or {@code null} when there is none
     * @throws IllegalArgumentException when no source has a token, with a message that lists the choices
     */
    public static TokenSource choose(String stepCredentialsId, String globalCredentialsId, Map<String, String> env) {
        String id = RunOptions.blankToNull(stepCredentialsId);
        if (id != null) {
            return new TokenSource(id);
        }
        // a blank value (e.g. an empty string parameter of that name) is no token: it must not hide the default
        if (env != null && RunOptions.blankToNull(env.get(K6CloudDefaults.TOKEN_VARIABLE)) != null) {
            return new TokenSource(null);
        }
        String global = RunOptions.blankToNull(globalCredentialsId);
        if (global != null) {
            return new TokenSource(global);
        }
        throw new IllegalArgumentException(Messages.K6CloudCredentials_NoToken());
    }

    public boolean isEnvironment() {
        return credentialsId == null;
    }
}
