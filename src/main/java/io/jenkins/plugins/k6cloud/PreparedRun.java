package io.jenkins.plugins.k6cloud;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import java.util.Map;

/**
 * What the build step and the Pipeline step both work out before the engine takes over: the
 * settings of the run, a client that carries the token, and the API connection (without the token)
 * that a Pipeline step keeps for a restart. Preparing reads credentials, so it never runs on the
 * CPS VM thread.
 *
 * @param settings how the run is followed
 * @param client the k6 Cloud client, with the token of this build
 * @param connection the API the client talks to, and where its token came from
 */
public record PreparedRun(RunSettings settings, K6CloudClient client, ApiConnection connection) {

    /**
     * @param env the build's environment (for {@code K6_CLOUD_TOKEN}), or {@code null}
     * @throws AbortException with a message that says which setting or credentials to fix
     */
    public static PreparedRun prepare(Run<?, ?> run, Map<String, String> env, RunOptions options)
            throws AbortException {
        try {
            GlobalSettings global = K6CloudGlobalConfiguration.get().settings();
            global.apiUri(); // a malformed saved address is reported before anything else
            RunSettings settings = options.toSettings(global);
            TokenSource source = TokenSource.choose(options.credentialsId(), global.credentialsId(), env);
            ApiToken token = K6CloudCredentials.token(run, source, env, global.apiUrl());
            return new PreparedRun(settings, K6CloudClients.forRun(global, token), ApiConnection.of(global, source));
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /**
     * A client of the saved {@code connection} for a resumed run: only the token is looked up again.
     *
     * @throws AbortException when the token cannot be read any more
     */
    public static K6CloudClient reconnect(Run<?, ?> run, Map<String, String> env, ApiConnection connection)
            throws AbortException {
        try {
            GlobalSettings settings = connection.asSettings();
            ApiToken token = K6CloudCredentials.token(run, connection.tokenSource(), env, connection.apiUrl());
            return K6CloudClients.forRun(settings, token);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }
}
