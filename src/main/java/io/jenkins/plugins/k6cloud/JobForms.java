package io.jenkins.plugins.k6cloud;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;

/**
 * The web methods the build step's and the Pipeline step's descriptors share: each checks the
 * permission to configure the job (no check without a job) and delegates to the plain checks.
 */
public final class JobForms {
    private JobForms() {}

    /** The load test id (and, with the step's credentials, its name in k6 Cloud). */
    public static FormValidation checkTestId(Item item, String value, String credentialsId) {
        if (item == null) {
            return FormValidation.ok();
        }
        item.checkPermission(Item.CONFIGURE);
        return ConnectionCheck.loadTest(item, value, credentialsId);
    }

    public static FormValidation checkPollInterval(Item item, String value) {
        if (item == null) {
            return FormValidation.ok();
        }
        item.checkPermission(Item.CONFIGURE);
        return FormChecks.pollInterval(value, K6CloudGlobalConfiguration.get().getPollInterval());
    }

    public static FormValidation checkTimeout(Item item, String value) {
        if (item == null) {
            return FormValidation.ok();
        }
        item.checkPermission(Item.CONFIGURE);
        return FormChecks.timeout(value, K6CloudGlobalConfiguration.get().getTimeout());
    }

    /** The "Secret text" credentials behind the consumer guide's permission gate. */
    public static ListBoxModel fillCredentialsIdItems(Item item, String credentialsId) {
        return K6CloudCredentials.fillItems(
                item, credentialsId, K6CloudGlobalConfiguration.get().getApiUrl());
    }

    public static ListBoxModel fillThresholdFailureItems() {
        return ThresholdFailureChoices.items();
    }
}
