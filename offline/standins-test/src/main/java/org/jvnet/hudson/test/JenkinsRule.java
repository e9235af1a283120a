package org.jvnet.hudson.test;

import hudson.model.Descriptor;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.TopLevelItem;
import hudson.security.AbstractPasswordBasedSecurityRealm;
import hudson.tasks.Builder;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.util.concurrent.Future;
import jenkins.model.Jenkins;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * Stand-in of jenkins-test-harness' {@code JenkinsRule}: the members our tests use, so that they
 * compile offline. It cannot start Jenkins: tests that use it only run in the real build.
 */
public class JenkinsRule implements TestRule {
    public Jenkins jenkins;

    @Override
    public Statement apply(Statement base, Description description) {
        throw new UnsupportedOperationException("stand-in: " + description + " needs Jenkins; it runs in the real build");
    }

    public FreeStyleProject createFreeStyleProject() throws IOException {
        throw stub();
    }

    public FreeStyleProject createFreeStyleProject(String name) throws IOException {
        throw stub();
    }

    public <T extends TopLevelItem> T createProject(Class<T> type) throws IOException {
        throw stub();
    }

    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw stub();
    }

    public FreeStyleBuild buildAndAssertSuccess(FreeStyleProject job) throws Exception {
        throw stub();
    }

    @SuppressWarnings("rawtypes")
    public <R extends Run> R assertBuildStatus(Result status, R r) throws Exception {
        throw stub();
    }

    @SuppressWarnings("rawtypes")
    public <R extends Run> R assertBuildStatus(Result status, Future<? extends R> r) throws Exception {
        throw stub();
    }

    @SuppressWarnings("rawtypes")
    public <R extends Run> R assertBuildStatusSuccess(Future<? extends R> r) throws Exception {
        throw stub();
    }

    public <R extends Run<?, ?>> R waitForCompletion(R r) throws InterruptedException {
        throw stub();
    }

    public <R extends Run<?, ?>> R waitForMessage(String message, R r) throws IOException, InterruptedException {
        throw stub();
    }

    @SuppressWarnings("rawtypes")
    public void assertLogContains(String substring, Run run) throws IOException {
        throw stub();
    }

    @SuppressWarnings("rawtypes")
    public void assertLogNotContains(String substring, Run run) throws IOException {
        throw stub();
    }

    @SuppressWarnings("rawtypes")
    public static String getLog(Run run) throws IOException {
        throw stub();
    }

    public void assertEqualDataBoundBeans(Object lhs, Object rhs)
            throws InvocationTargetException, NoSuchMethodException, IllegalAccessException {
        throw stub();
    }

    public void configRoundtrip() throws Exception {
        throw stub();
    }

    public <B extends Builder> B configRoundtrip(B before) throws Exception {
        throw stub();
    }

    public DummySecurityRealm createDummySecurityRealm() {
        throw stub();
    }

    public <T extends Descriptor<?>> T get(Class<T> d) {
        throw stub();
    }

    public TaskListener createTaskListener() {
        throw stub();
    }

    public void waitUntilNoActivity() throws Exception {
        throw stub();
    }

    public URL getURL() throws IOException {
        throw stub();
    }

    private static UnsupportedOperationException stub() {
        return new UnsupportedOperationException("stand-in: needs the Jenkins test harness");
    }

    /** Stand-in of {@code JenkinsRule.DummySecurityRealm}: every user name is accepted, with itself as password. */
    public static class DummySecurityRealm extends AbstractPasswordBasedSecurityRealm {
        private DummySecurityRealm() {}
    }
}
