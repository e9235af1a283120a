package hudson.security;

/** Stand-in of jenkins-core's {@code hudson.security.Permission}: a named permission, nothing more. */
public final class Permission {
    private final String id;

    private Permission(String id) {
        this.id = id;
    }

    /** Offline every id names a permission (Jenkins returns the registered one, or null). */
    public static Permission fromId(String id) {
        return new Permission(id);
    }

    public String getId() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Permission && ((Permission) o).id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Permission[" + id + "]";
    }
}
