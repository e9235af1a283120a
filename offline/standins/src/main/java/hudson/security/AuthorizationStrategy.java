package hudson.security;

import java.util.Collection;

/** Stand-in of jenkins-core's {@code hudson.security.AuthorizationStrategy}. */
public abstract class AuthorizationStrategy {
    public abstract ACL getRootACL();

    public abstract Collection<String> getGroups();
}
