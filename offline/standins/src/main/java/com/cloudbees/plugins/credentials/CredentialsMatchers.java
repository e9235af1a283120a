package com.cloudbees.plugins.credentials;

/** Stand-in of credentials' {@code com.cloudbees.plugins.credentials.CredentialsMatchers}. */
public class CredentialsMatchers {
    private CredentialsMatchers() {}

    public static CredentialsMatcher always() {
        return item -> true;
    }

    public static CredentialsMatcher not(CredentialsMatcher matcher) {
        return item -> !matcher.matches(item);
    }

    public static CredentialsMatcher withScope(CredentialsScope scope) {
        return item -> item.getScope() == scope;
    }
}
