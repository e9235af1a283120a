package org.jvnet.hudson.test;

import java.io.File;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;
import org.jvnet.hudson.test.fixtures.JenkinsSessionFixture;

/** Stand-in of jenkins-test-harness' {@code JenkinsSessionRule}: Jenkins sessions over one home, for restart tests. */
public class JenkinsSessionRule implements TestRule {
    @Override
    public Statement apply(Statement base, Description description) {
        throw new UnsupportedOperationException("stand-in: " + description + " needs Jenkins; it runs in the real build");
    }

    public File getHome() {
        throw new UnsupportedOperationException("stand-in");
    }

    public void then(Step s) throws Throwable {
        throw new UnsupportedOperationException("stand-in");
    }

    /** Stand-in of {@code JenkinsSessionRule.Step}: what one session does. */
    public interface Step extends JenkinsSessionFixture.Step {}
}
