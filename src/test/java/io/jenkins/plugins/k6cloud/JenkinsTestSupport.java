package io.jenkins.plugins.k6cloud;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.ModelObject;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.k6cloud.config.K6CloudGlobalConfiguration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.ClassRule;
import org.junit.Rule;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Setup shared by the tests against a live Jenkins: the k6 Cloud token as credentials, and k6 Cloud itself.
 * A test with one Jenkins and one simulated k6 Cloud per test method extends it for its rules ({@link #j},
 * {@link #cloud}, the build logs on the console); one with another lifecycle (a restart) calls the static helpers.
 */
public abstract class JenkinsTestSupport {
    /** The id of the "Secret text" credentials holding {@link SimulatedCloudRule#TOKEN}. */
    public static final String TOKEN_ID = "k6-cloud-token";

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public SimulatedCloudRule cloud = new SimulatedCloudRule();

    /** Points the global configuration at the simulator, polling every second. */
    public static void useSimulator(SimulatedCloudRule cloud) {
        K6CloudGlobalConfiguration config = K6CloudGlobalConfiguration.get();
        config.setApiUrl(cloud.sim().baseUrl());
        config.setWebAppUrl(cloud.sim().webAppUrl());
        config.setPollInterval("1s");
    }

    /** Chooses Grafana Cloud k6 (v6) with the simulator's stack id: tests as code need it. */
    public static void useV6(SimulatedCloudRule cloud) {
        K6CloudGlobalConfiguration config = K6CloudGlobalConfiguration.get();
        config.setApiFlavour("v6");
        config.setStackId(Long.toString(cloud.sim().stackId()));
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

    /**
     * Adds "Secret text" credentials to Jenkins' global store with the System scope: for Jenkins itself, not builds.
     */
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

    /**
     * The HTML of {@code run}'s page as an anonymous reader gets it (JenkinsRule grants everyone everything unless a
     * test sets a security realm), within 30 s.
     */
    public static String buildPage(JenkinsRule j, Run<?, ?> run) throws IOException, InterruptedException {
        return page(j, run.getUrl());
    }

    /** The HTML of the page at {@code url}, relative to Jenkins' root, as {@link #buildPage} gets it. */
    public static String page(JenkinsRule j, String url) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(j.getURL() + url))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new AssertionError(url + " answered " + page.statusCode());
        }
        return page.body();
    }
}
