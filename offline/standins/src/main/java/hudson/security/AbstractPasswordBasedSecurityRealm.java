package hudson.security;

/** Stand-in of jenkins-core's {@code hudson.security.AbstractPasswordBasedSecurityRealm}. */
public abstract class AbstractPasswordBasedSecurityRealm extends SecurityRealm {
    @Override
    public SecurityComponents createSecurityComponents() {
        throw new UnsupportedOperationException("stand-in");
    }
}
