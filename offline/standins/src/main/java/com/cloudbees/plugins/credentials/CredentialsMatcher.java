package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Stand-in of credentials' {@code com.cloudbees.plugins.credentials.CredentialsMatcher}. */
public interface CredentialsMatcher extends Serializable {
    boolean matches(Credentials item);
}
