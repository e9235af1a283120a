package io.jenkins.plugins.k6cloud;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.ModelObject;
import hudson.util.Secret;
import io.jenkins.plugins.k6cloud.config.K6CloudGlobalConfiguration;
import java.io.IOException;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/** Setup shared by the tests against a live Jenkins: the k6 Cloud token as credentials, and k6 Cloud itself. */
public final class JenkinsTestSupport {
    /** The id of the "Secret text" credentials holding {@link SimulatedCloudRule#TOKEN}. */
    public static final String TOKEN_ID = "k6-cloud-token";

    private JenkinsTestSupport() {}

    /** Points the global configuration at the simulator, polling every second. */
    public static void useSimulator(SimulatedCloudRule cloud) {
        K6CloudGlobalConfiguration config = K6CloudGlobalConfiguration.get();
        config.setApiUrl(cloud.sim().baseUrl());
        config.setWebAppUrl(cloud.sim().webAppUrl());
        config.setPollInterval("1s");
    }

    /** {@link #useSimulator} and the simulator's token as global credentials {@link #TOKEN_ID}. */
    public static void useSimulatorWithGlobalToken(SimulatedCloudRule cloud) throws IOException {
        useSimulator(cloud);
        addGlobalToken(TOKEN_ID, SimulatedCloudRule.TOKEN);
    }

    /** Adds "Secret text" credentials to Jenkins' global store, with the Global scope. */
    public static void addGlobalToken(String id, String token) throws IOException {
        addToJenkins(secretText(CredentialsScope.GLOBAL, id, token));
    }

    /** Adds "Secret text" credentials to Jenkins' global store with the System scope: for Jenkins itself, not builds. */
    public static void addSystemScopedToken(String id, String token) throws IOException {
        addToJenkins(secretText(CredentialsScope.SYSTEM, id, token));
    }

    /** The credentials {@code id} of Jenkins' global store. */
    public static Credentials globalCredentials(String id) {
        return SystemCredentialsProvider.getInstance().getCredentials().stream()
                .filter(c -> c instanceof IdCredentials
                        && ((IdCredentials) c).getId().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no credentials " + id));
    }

    private static void addToJenkins(Credentials c) throws IOException {
        SystemCredentialsProvider provider = SystemCredentialsProvider.getInstance();
        provider.getCredentials().add(c);
        provider.save();
    }

    /** Adds "Secret text" credentials to the store of {@code context} itself (a folder, say), not a parent's. */
    public static void addToken(ModelObject context, String id, String token) throws IOException {
        for (CredentialsStore store : CredentialsProvider.lookupStores(context)) {
            if (store.getContext() == context) {
                store.addCredentials(Domain.global(), secretText(CredentialsScope.GLOBAL, id, token));
                return;
            }
        }
        throw new AssertionError("no credentials store of its own in " + context.getDisplayName());
    }

    private static Credentials secretText(CredentialsScope scope, String id, String token) {
        return new StringCredentialsImpl(scope, id, "k6 Cloud API token", Secret.fromString(token));
    }
}
