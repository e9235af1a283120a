package hudson.security;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** Stand-in of jenkins-core's {@code hudson.security.ACL}. */
public abstract class ACL {
    public static final Authentication SYSTEM2 = new UsernamePasswordAuthenticationToken("SYSTEM", "SYSTEM");

    public final void checkPermission(Permission p) {
        throw new UnsupportedOperationException("stand-in");
    }

    public final boolean hasPermission(Permission p) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static ACLContext as2(Authentication auth) {
        throw new UnsupportedOperationException("stand-in");
    }
}
