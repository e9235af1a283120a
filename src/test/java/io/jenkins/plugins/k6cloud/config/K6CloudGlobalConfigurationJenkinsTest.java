package io.jenkins.plugins.k6cloud.config;

import static io.jenkins.plugins.k6cloud.JenkinsTestSupport.TOKEN_ID;
import static io.jenkins.plugins.k6cloud.SimulatedCloudRule.TOKEN;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.model.User;
import hudson.model.queue.QueueTaskFuture;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.k6cloud.JenkinsTestSupport;
import io.jenkins.plugins.k6cloud.builder.K6CloudBuilder;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Outcome;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.Test;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.springframework.security.access.AccessDeniedException;

/** The global configuration in a live Jenkins: its form and storage, its permission checks, the connection test, folder credentials. */
public class K6CloudGlobalConfigurationJenkinsTest extends JenkinsTestSupport {
    @Test
    public void formRoundTripKeepsTheValuesAndSavesThemAndEmptyFieldsAreTheDefaults() throws Exception {
        JenkinsTestSupport.addGlobalToken(TOKEN_ID, TOKEN);
        K6CloudGlobalConfiguration config = K6CloudGlobalConfiguration.get();
        config.setApiUrl("https://api.k6.example.com");
        config.setWebAppUrl("https://app.k6.example.com");
        config.setStackId("4242");
        config.setCredentialsId(TOKEN_ID);
        config.setPollInterval("10s");
        config.setTimeout("45m");
        j.configRoundtrip();
        assertConfigured(K6CloudGlobalConfiguration.get());
        assertConfigured(new K6CloudGlobalConfiguration()); // what was saved, read as Jenkins does when it starts

        config.setApiUrl(" ");
        config.setPollInterval("");
        config.setStackId("");
        assertEquals(RunConfig.DEFAULT_API_URL, config.getApiUrl());
        assertEquals(RunConfig.DEFAULT_POLL_INTERVAL, config.getPollInterval());
        assertEquals(null, config.getStackId());
    }

    @Test
    @SuppressWarnings("try")
    public void readersCanUseNoFormMethodAndSeeNoCredentials() throws Exception {
        JenkinsTestSupport.addGlobalToken(TOKEN_ID, TOKEN);
        JenkinsTestSupport.addGlobalToken("other-token", "another-secret");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader"));
        K6CloudGlobalConfiguration config = K6CloudGlobalConfiguration.get();
        String url = cloud.sim().baseUrl();

        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThrows(AccessDeniedException.class, () -> config.doCheckApiUrl(url));
            assertThrows(AccessDeniedException.class, () -> config.doCheckWebAppUrl(url));
            assertThrows(AccessDeniedException.class, () -> config.doCheckStackId("4242"));
            assertThrows(AccessDeniedException.class, () -> config.doCheckPollInterval("5s"));
            assertThrows(AccessDeniedException.class, () -> config.doCheckTimeout("1h"));
            assertThrows(AccessDeniedException.class, () -> config.doTestConnection(url, "", TOKEN_ID, "v2"));
            assertThat(values(config.doFillCredentialsIdItems("")), everyItem(is("")));
        }
        assertEquals(
                "a refused connection test never reaches k6 Cloud",
                0,
                cloud.journal().totalRequests());

        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertEquals(FormValidation.Kind.OK, config.doCheckPollInterval("5s").kind);
            assertThat(values(config.doFillCredentialsIdItems("")), hasItems(TOKEN_ID, "other-token"));
        }
    }

    @Test
    public void connectionTestAcceptsAGoodTokenReportsARejectedOneAndRefusesSystemScopedOnes() throws Exception {
        JenkinsTestSupport.useSimulator(cloud);
        JenkinsTestSupport.addGlobalToken(TOKEN_ID, TOKEN);
        JenkinsTestSupport.addGlobalToken("revoked-token", "k6tok-revoked-0000");
        JenkinsTestSupport.addSystemScopedToken("system-token", TOKEN);
        K6CloudGlobalConfiguration config = K6CloudGlobalConfiguration.get();
        String url = cloud.sim().baseUrl();

        FormValidation good = config.doTestConnection(url, "", TOKEN_ID, "v2");
        assertEquals(good.renderHtml(), FormValidation.Kind.OK, good.kind);
        FormValidation bad = config.doTestConnection(url, "", "revoked-token", "v2");
        assertEquals(FormValidation.Kind.ERROR, bad.kind);
        assertThat(bad.renderHtml(), containsString("rejected the API token (HTTP 401)"));
        assertThat(bad.renderHtml(), not(containsString("k6tok-revoked-0000")));
        List<Boolean> authValid = cloud.journal().requests(Endpoint.TOKEN).stream()
                .map(e -> e.authValid())
                .toList();
        assertEquals(List.of(true, false), authValid);

        // System-scoped credentials are for Jenkins itself: neither offered nor accepted, as a build never finds them
        List<String> offered = values(config.doFillCredentialsIdItems(""));
        assertThat(offered, hasItem(TOKEN_ID));
        assertThat(offered, not(hasItem("system-token")));
        FormValidation refused = config.doTestConnection(url, "", "system-token", "v2");
        assertEquals(FormValidation.Kind.ERROR, refused.kind);
        assertThat(refused.renderHtml(), containsString("System scope"));
        assertThat(refused.renderHtml(), containsString("Global scope"));
        assertEquals("refused before k6 Cloud is asked", 2, cloud.journal().count(Endpoint.TOKEN));
        config.setCredentialsId("system-token");
        long testId = cloud.addLoadTest(Outcome.PASSES);
        FreeStyleProject p = j.createFreeStyleProject();
        p.getBuildersList().add(new K6CloudBuilder(Long.toString(testId)));
        FreeStyleBuild b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains("Cannot find the credentials 'system-token'", b);
        assertThat(cloud.journal().startsFor(testId), hasSize(0));
    }

    @Test
    public void folderCredentialsServeJobsInTheFolderOnly() throws Exception {
        JenkinsTestSupport.useSimulator(cloud);
        Folder folder = j.createProject(Folder.class, "team");
        JenkinsTestSupport.addToken(folder, "team-token", TOKEN);
        long testId = cloud.addLoadTest(Outcome.PASSES);

        FreeStyleProject inside = folder.createProject(FreeStyleProject.class, "inside");
        inside.getBuildersList().add(teamTokenBuilder(testId));
        QueueTaskFuture<FreeStyleBuild> build = inside.scheduleBuild2(0);
        cloud.finishRunOf(testId);
        j.assertBuildStatus(Result.SUCCESS, build);

        FreeStyleProject outside = j.createFreeStyleProject("outside");
        outside.getBuildersList().add(teamTokenBuilder(testId));
        FreeStyleBuild b = j.assertBuildStatus(Result.FAILURE, outside.scheduleBuild2(0));
        j.assertLogContains("Cannot find the credentials 'team-token'", b);
        assertThat(cloud.journal().startsFor(testId), hasSize(1));
    }

    static void assertConfigured(K6CloudGlobalConfiguration config) {
        assertEquals("https://api.k6.example.com", config.getApiUrl());
        assertEquals("https://app.k6.example.com", config.getWebAppUrl());
        assertEquals("4242", config.getStackId());
        assertEquals(TOKEN_ID, config.getCredentialsId());
        assertEquals("10s", config.getPollInterval());
        assertEquals("45m", config.getTimeout());
    }

    private static K6CloudBuilder teamTokenBuilder(long testId) {
        K6CloudBuilder builder = new K6CloudBuilder(Long.toString(testId));
        builder.setCredentialsId("team-token");
        return builder;
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(o -> o.value).toList();
    }
}
