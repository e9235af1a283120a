package org.jvnet.hudson.test;

import hudson.security.ACL;
import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;
import java.util.Collection;

/** Stand-in of jenkins-test-harness' {@code MockAuthorizationStrategy}: permissions granted per user. */
public class MockAuthorizationStrategy extends AuthorizationStrategy {
    public MockAuthorizationStrategy() {}

    public Grant grant(Permission... permissions) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public ACL getRootACL() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public Collection<String> getGroups() {
        throw new UnsupportedOperationException("stand-in");
    }

    /** Stand-in of {@code MockAuthorizationStrategy.Grant}. */
    public class Grant {
        private Grant() {}

        public GrantOn everywhere() {
            throw new UnsupportedOperationException("stand-in");
        }

        /** Stand-in of {@code MockAuthorizationStrategy.Grant.GrantOn}. */
        public class GrantOn {
            private GrantOn() {}

            public MockAuthorizationStrategy to(String... sids) {
                throw new UnsupportedOperationException("stand-in");
            }
        }
    }
}
