package io.jenkins.plugins.casc.misc;

import org.jvnet.hudson.test.JenkinsRule;

/** Stand-in of configuration-as-code's test {@code JenkinsConfiguredRule}: a JenkinsRule that can export its configuration. */
public class JenkinsConfiguredRule extends JenkinsRule {
    public String exportToString(boolean strict) throws Exception {
        throw new UnsupportedOperationException("stand-in: needs configuration-as-code");
    }
}
