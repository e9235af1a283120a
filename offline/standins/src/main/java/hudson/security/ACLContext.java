package hudson.security;

/** Stand-in of jenkins-core's {@code hudson.security.ACLContext}: restores the previous authentication on close. */
public class ACLContext implements AutoCloseable {
    private ACLContext() {}

    @Override
    public void close() {
        throw new UnsupportedOperationException("stand-in");
    }
}
