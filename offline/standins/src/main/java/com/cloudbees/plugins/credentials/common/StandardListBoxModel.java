package com.cloudbees.plugins.credentials.common;

/** Stand-in of credentials' {@code com.cloudbees.plugins.credentials.common.StandardListBoxModel}. */
public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    private static final long serialVersionUID = 1L;

    @Override
    protected String describe(StandardCredentials c) {
        return c.getId();
    }
}
