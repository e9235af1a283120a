package io.jenkins.plugins.k6cloud;

import static io.jenkins.plugins.k6cloud.JenkinsTestSupport.TOKEN_ID;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.k6cloud.pipeline.K6CloudRunStep;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Outcome;
import java.util.List;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.springframework.security.access.AccessDeniedException;

/**
 * The form methods of the build step and of {@code k6CloudRun} in a job's context: only people who
 * may configure the job check test ids against k6 Cloud or see the credentials.
 */
public class JobFormPermissionsJenkinsTest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public SimulatedCloudRule cloud = new SimulatedCloudRule();

    private FreeStyleProject job;
    private long testId;

    @Before
    public void jobWithReaderAndConfigurer() throws Exception {
        JenkinsTestSupport.useSimulatorWithGlobalToken(cloud);
        testId = cloud.addLoadTest(Outcome.PASSES);
        job = j.createFreeStyleProject("job");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer"));
    }

    @Test
    @SuppressWarnings("try")
    public void readerGetsNoCheckAndNoCredentials() {
        K6CloudBuilder.DescriptorImpl builder = j.get(K6CloudBuilder.DescriptorImpl.class);
        K6CloudRunStep.DescriptorImpl step = j.get(K6CloudRunStep.DescriptorImpl.class);
        String id = Long.toString(testId);
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThrows(AccessDeniedException.class, () -> builder.doCheckTestId(job, id, TOKEN_ID));
            assertThrows(AccessDeniedException.class, () -> builder.doCheckPollInterval(job, "5s"));
            assertThrows(AccessDeniedException.class, () -> builder.doCheckTimeout(job, "1h"));
            assertThrows(AccessDeniedException.class, () -> step.doCheckTestId(job, id, TOKEN_ID));
            assertThrows(AccessDeniedException.class, () -> step.doCheckPollInterval(job, "5s"));
            assertThrows(AccessDeniedException.class, () -> step.doCheckTimeout(job, "1h"));
            assertThat(values(builder.doFillCredentialsIdItems(job, "")), everyItem(is("")));
            assertThat(values(step.doFillCredentialsIdItems(job, "")), everyItem(is("")));
        }
        assertEquals(
                "nothing a reader does reaches k6 Cloud", 0, cloud.journal().totalRequests());
    }

    @Test
    @SuppressWarnings("try")
    public void configurerChecksTheTestIdAgainstK6CloudAndSeesTheCredentials() {
        K6CloudBuilder.DescriptorImpl builder = j.get(K6CloudBuilder.DescriptorImpl.class);
        try (ACLContext ignored = ACL.as2(User.getById("configurer", true).impersonate2())) {
            FormValidation found = builder.doCheckTestId(job, Long.toString(testId), TOKEN_ID);
            assertEquals(found.renderHtml(), FormValidation.Kind.OK, found.kind);
            assertThat(found.renderHtml(), containsString(Outcome.PASSES.scenarioName()));
            assertEquals(FormValidation.Kind.ERROR, builder.doCheckTestId(job, "99999", TOKEN_ID).kind);
            assertThat(values(builder.doFillCredentialsIdItems(job, "")), hasItem(TOKEN_ID));
            // without credentials chosen in the step, the id is only checked as typed
            assertEquals(FormValidation.Kind.OK, builder.doCheckTestId(job, "99999", "").kind);
        }
        assertEquals(2, cloud.journal().count(Endpoint.TESTS));
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(o -> o.value).collect(Collectors.toList());
    }
}
