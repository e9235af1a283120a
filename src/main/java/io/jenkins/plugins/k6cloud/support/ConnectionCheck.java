package io.jenkins.plugins.k6cloud.support;

import hudson.AbortException;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.LoadTest;
import io.jenkins.plugins.k6cloud.config.K6CloudGlobalConfiguration;
import java.util.function.Function;

/**
 * The form checks that ask k6 Cloud: "Test connection" in the global configuration and the load
 * test lookup of the steps. The web methods check permissions first; the answers to k6 Cloud's
 * replies ({@link #checkToken}, {@link #describeLoadTest}) are plain functions of a client.
 */
public final class ConnectionCheck {
    private ConnectionCheck() {}

    /** Tests the typed, not yet saved, global settings; {@code stackIdText} as typed. */
    public static FormValidation test(String apiUrl, String stackIdText, String credentialsId, ApiFlavour flavour) {
        FormValidation url = FormChecks.url(apiUrl, RunConfig.DEFAULT_API_URL);
        if (url.kind == FormValidation.Kind.ERROR) {
            return url;
        }
        Long stackId;
        try {
            stackId = FormChecks.parseStackId(stackIdText);
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
        if (flavour.requiresStackId() && stackId == null) {
            return FormValidation.error(Messages.Connection_NeedsStackId());
        }
        String id = RunConfig.blankToNull(credentialsId);
        if (id == null) {
            return FormValidation.error(Messages.Connection_NoCredentials());
        }
        RunConfig.Connection typed = new RunConfig.Connection(flavour, apiUrl, stackId, id);
        try {
            ApiToken token = K6CloudCredentials.formToken(null, id, apiUrl);
            return checkToken(flavour, apiUrl, f -> {
                RunConfig.Connection c = typed.withApiFlavour(f);
                return c.client(token, c.formCheckOptions());
            });
        } catch (AbortException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /**
     * Checks a load test id typed in a job's form. Only when the step's credentials are chosen and
     * the id is a number does it ask k6 Cloud for the test's name: one attempt, bounded by
     * {@link RunConfig#LOOKUP_TIMEOUT}, since the form checks the field on every change. The
     * caller has checked {@code Item.CONFIGURE}.
     */
    public static FormValidation loadTest(Item item, String value, String credentialsId) {
        FormValidation syntax = FormChecks.testId(value);
        String id = RunConfig.blankToNull(credentialsId);
        if (syntax.kind != FormValidation.Kind.OK || FormChecks.isExpression(value) || id == null) {
            return syntax;
        }
        RunConfig.Connection global;
        try {
            global = K6CloudGlobalConfiguration.get().connection();
        } catch (IllegalArgumentException e) {
            return FormValidation.warning(Messages.LoadTest_NotChecked(e.getMessage()));
        }
        try {
            ApiToken token = K6CloudCredentials.formToken(item, id, global.apiUrl());
            return describeLoadTest(global.client(token, global.lookupOptions()), FormChecks.parseTestId(value));
        } catch (AbortException | IllegalArgumentException e) {
            return FormValidation.warning(Messages.LoadTest_NotChecked(e.getMessage()));
        }
    }

    /**
     * What k6 Cloud says about the token with the {@code chosen} API flavour. When k6 Cloud rejects
     * it and the other flavour accepts it, the message says to choose the other one.
     *
     * @param clients the form-check client of a flavour; throws {@link IllegalArgumentException}
     *     when the settings cannot make one (v6 without a stack id)
     */
    public static FormValidation checkToken(
            ApiFlavour chosen, String apiUrl, Function<ApiFlavour, K6CloudClient> clients) {
        try {
            clients.apply(chosen).checkToken();
            return FormValidation.ok(Messages.Connection_OkWith(apiUrl, chosen.displayName()));
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        } catch (K6CloudException.AuthenticationException e) {
            ApiFlavour other = chosen.other();
            if (accepts(other, clients)) {
                return FormValidation.error(
                        Messages.Connection_OtherFlavour(chosen.displayName(), other.displayName()));
            }
            return FormValidation.error(Messages.Connection_Rejected(e.httpStatus()));
        } catch (K6CloudException e) {
            return FormValidation.error(Messages.Connection_Failed(e.getMessage()));
        }
    }

    private static boolean accepts(ApiFlavour flavour, Function<ApiFlavour, K6CloudClient> clients) {
        try {
            clients.apply(flavour).checkToken();
            return true;
        } catch (K6CloudException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The name of load test {@code testId}, or why it cannot be shown. */
    public static FormValidation describeLoadTest(K6CloudClient client, long testId) {
        try {
            LoadTest test = client.getLoadTest(testId);
            return FormValidation.ok(Messages.LoadTest_Found(testId, test.name()));
        } catch (K6CloudException.NotFoundException e) {
            return FormValidation.error(Messages.LoadTest_NotFound(testId));
        } catch (K6CloudException e) {
            return FormValidation.warning(Messages.LoadTest_NotChecked(e.getMessage()));
        }
    }
}
