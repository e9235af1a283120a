package com.cloudbees.plugins.credentials.common;

/** Stand-in of credentials' {@code com.cloudbees.plugins.credentials.common.StandardCredentials}. */
public interface StandardCredentials extends IdCredentials {
    String getDescription();
}
