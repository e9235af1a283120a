package com.cloudbees.plugins.credentials;

import hudson.model.ModelObject;

/** Stand-in of credentials' {@code com.cloudbees.plugins.credentials.CredentialsScope}. */
public enum CredentialsScope {
    SYSTEM {
        @Override
        public String getDisplayName() {
            return "System";
        }

        @Override
        public boolean isVisible(ModelObject context) {
            return true;
        }
    },
    GLOBAL {
        @Override
        public String getDisplayName() {
            return "Global";
        }

        @Override
        public boolean isVisible(ModelObject context) {
            return true;
        }
    },
    USER {
        @Override
        public String getDisplayName() {
            return "User";
        }

        @Override
        public boolean isVisible(ModelObject context) {
            return true;
        }
    };

    public abstract String getDisplayName();

    public abstract boolean isVisible(ModelObject context);
}
