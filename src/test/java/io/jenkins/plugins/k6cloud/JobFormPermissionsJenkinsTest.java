package io.jenkins.plugins.k6cloud;

import static io.jenkins.plugins.k6cloud.JenkinsTestSupport.TOKEN_ID;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.FormValidation.Kind;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.k6cloud.builder.K6CloudBuilder;
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

/**
 * The form methods of the build step and of {@code k6CloudRun} in a job's context. Everyone who
 * sees the form (the configuration page, or the snippet generator, which people who may not
 * configure the job can open) gets the checks of what was typed, never an error page; only people
 * who may configure the job check test ids against k6 Cloud with the job's credentials or see the
 * credentials (the credentials consumer guide).
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
    public void readerGetsTheChecksOfWhatWasTypedButNoLookupAndNoCredentials() {
        K6CloudBuilder.DescriptorImpl builder = j.get(K6CloudBuilder.DescriptorImpl.class);
        K6CloudRunStep.DescriptorImpl step = j.get(K6CloudRunStep.DescriptorImpl.class);
        String id = Long.toString(testId);
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertEquals(Kind.ERROR, builder.doCheckPollInterval("200ms").kind);
            assertEquals(Kind.OK, builder.doCheckPollInterval("5s").kind);
            assertEquals(Kind.ERROR, builder.doCheckTimeout("soon").kind);
            assertEquals(Kind.ERROR, step.doCheckPollInterval("200ms").kind);
            assertEquals(Kind.ERROR, step.doCheckTimeout("soon").kind);
            assertEquals(Kind.ERROR, builder.doCheckTestId(job, "12a", TOKEN_ID, null).kind);
            assertEquals(Kind.ERROR, step.doCheckTestId(job, "12a", TOKEN_ID, null).kind);
            assertThat(
                    step.doCheckTestId(job, "${K6_TEST_ID}", TOKEN_ID, null).renderHtml(),
                    containsString("params.K6_TEST_ID"));
            // a number passes as typed: whether k6 Cloud knows it would take the job's credentials
            FormValidation existing = builder.doCheckTestId(job, id, TOKEN_ID, null);
            assertEquals(Kind.OK, existing.kind);
            assertThat(existing.renderHtml(), not(containsString(Outcome.PASSES.scenarioName())));
            assertEquals(Kind.OK, step.doCheckTestId(job, "99999", TOKEN_ID, null).kind);
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
            FormValidation found = builder.doCheckTestId(job, Long.toString(testId), TOKEN_ID, null);
            assertEquals(found.renderHtml(), FormValidation.Kind.OK, found.kind);
            assertThat(found.renderHtml(), containsString(Outcome.PASSES.scenarioName()));
            assertEquals(FormValidation.Kind.ERROR, builder.doCheckTestId(job, "99999", TOKEN_ID, null).kind);
            assertThat(values(builder.doFillCredentialsIdItems(job, "")), hasItem(TOKEN_ID));
            // without credentials chosen in the step, the id is only checked as typed
            assertEquals(FormValidation.Kind.OK, builder.doCheckTestId(job, "99999", "", null).kind);
        }
        assertEquals(2, cloud.journal().count(Endpoint.TESTS));
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(o -> o.value).collect(Collectors.toList());
    }
}
