package hudson.security;

import org.springframework.security.access.AccessDeniedException;

/** Stand-in of jenkins-core's {@code hudson.security.AccessControlled}. */
public interface AccessControlled {
    ACL getACL();

    default void checkPermission(Permission permission) throws AccessDeniedException {
        getACL().checkPermission(permission);
    }

    default boolean hasPermission(Permission permission) {
        return getACL().hasPermission(permission);
    }
}
