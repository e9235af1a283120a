package io.jenkins.plugins.k6cloud.support;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.k6cloud.config.K6CloudGlobalConfiguration;

/**
 * The web methods the build step's and the Pipeline step's descriptors share. What a field's text
 * says is checked for everyone who sees the form (the job's configuration or its snippet
 * generator, which people who may not configure the job can open): a permission check there
 * would answer them with an error page. What reaches k6 Cloud with the job's credentials, or lists
 * them, follows the credentials consumer guide: only for people who may configure the job, and
 * for the others the answer of a check that does not use them.
 */
public final class JobForms {
    private JobForms() {}

    /**
     * The load test id as typed; for people who may configure {@code item}, with the step's
     * credentials chosen, also its name in k6 Cloud.
     */
    public static FormValidation checkTestId(Item item, String value, String credentialsId) {
        if (item == null || !item.hasPermission(Item.CONFIGURE)) {
            return FormChecks.testId(value);
        }
        return ConnectionCheck.loadTest(item, value, credentialsId);
    }

    public static FormValidation checkPollInterval(String value) {
        return FormChecks.pollInterval(value, K6CloudGlobalConfiguration.get().getPollInterval());
    }

    public static FormValidation checkTimeout(String value) {
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
