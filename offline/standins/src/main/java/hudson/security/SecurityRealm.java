package hudson.security;

/** Stand-in of jenkins-core's {@code hudson.security.SecurityRealm}. */
public abstract class SecurityRealm {
    public abstract SecurityComponents createSecurityComponents();

    /** Stand-in of {@code SecurityRealm.SecurityComponents}. */
    public static final class SecurityComponents {
        public SecurityComponents() {}
    }
}
