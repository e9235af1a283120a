package io.jenkins.plugins.k6cloud.cli;

/** The command line cannot be used as given; the message says what to fix. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
