package org.jenkinsci.plugins.plaincredentials.impl;

import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Stand-in of plain-credentials' {@code StringCredentialsImpl} ("Secret text"), for tests. */
public final class StringCredentialsImpl implements StringCredentials {
    private static final long serialVersionUID = 1L;

    private final CredentialsScope scope;
    private final String id;
    private final String description;
    private final Secret secret;

    public StringCredentialsImpl(CredentialsScope scope, String id, String description, Secret secret) {
        this.scope = scope;
        this.id = id;
        this.description = description;
        this.secret = secret;
    }

    @Override
    public Secret getSecret() {
        return secret;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public CredentialsScope getScope() {
        return scope;
    }

    @Override
    public CredentialsDescriptor getDescriptor() {
        throw new UnsupportedOperationException("stand-in");
    }
}
