package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.ModelObject;
import java.io.IOException;
import java.util.List;

/** Stand-in of credentials' {@code CredentialsStore}: where credentials of one context are kept. */
public abstract class CredentialsStore {
    public CredentialsStore() {}

    public abstract ModelObject getContext();

    public abstract List<Credentials> getCredentials(Domain domain);

    public abstract boolean addCredentials(Domain domain, Credentials credentials) throws IOException;

    public abstract boolean removeCredentials(Domain domain, Credentials credentials) throws IOException;

    public abstract boolean updateCredentials(Domain domain, Credentials current, Credentials replacement)
            throws IOException;
}
