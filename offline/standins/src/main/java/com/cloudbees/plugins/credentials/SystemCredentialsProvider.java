package com.cloudbees.plugins.credentials;

import hudson.model.Saveable;
import java.io.IOException;
import java.util.List;

/** Stand-in of credentials' {@code SystemCredentialsProvider}: the global credentials of Jenkins. */
public class SystemCredentialsProvider implements Saveable {
    public SystemCredentialsProvider() {}

    public static SystemCredentialsProvider getInstance() {
        throw new UnsupportedOperationException("stand-in");
    }

    public List<Credentials> getCredentials() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public void save() throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }
}
