package org.jvnet.hudson.test;

import org.junit.rules.ExternalResource;

/** Stand-in of jenkins-test-harness' {@code BuildWatcher}: copies build logs to the test output. */
public final class BuildWatcher extends ExternalResource {
    @Override
    protected void before() throws Throwable {
        throw new UnsupportedOperationException("stand-in: needs the Jenkins test harness");
    }

    @Override
    protected void after() {}
}
