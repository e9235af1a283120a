package com.cloudbees.plugins.credentials;

import hudson.model.Descriptor;

/** Stand-in of credentials' {@code com.cloudbees.plugins.credentials.CredentialsDescriptor}. */
public abstract class CredentialsDescriptor extends Descriptor<Credentials> {
    protected CredentialsDescriptor() {}
}
