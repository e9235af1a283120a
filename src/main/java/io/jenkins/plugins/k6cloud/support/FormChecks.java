package io.jenkins.plugins.k6cloud.support;

import hudson.AbortException;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.config.K6CloudGlobalConfiguration;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.results.RegressionGate;
import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The form checks; both steps' descriptors implement this interface for the web methods they share (Stapler's
 * {@code ClassDescriptor.findMethods} walks interfaces; {@code Descriptor.getCheckMethod} uses {@code getMethods()}).
 * Text is checked for everyone who sees the form; what reaches k6 Cloud with the job's credentials only for people
 * who may configure the job (the credentials consumer guide).
 */
public interface FormChecks {
    /** Empty (or 0) only with a {@code script}; with Item.CONFIGURE and credentials chosen, also its name. */
    @POST
    default FormValidation doCheckTestId(
            @AncestorInPath Item item,
            @QueryParameter String value,
            @QueryParameter String credentialsId,
            @QueryParameter String script) {
        if (value == null || value.isBlank() || value.strip().equals("0")) {
            return script == null || script.isBlank()
                    ? FormValidation.error(Messages.TestsAsCode_NoTarget())
                    : FormValidation.ok();
        }
        return item == null || !item.hasPermission(Item.CONFIGURE)
                ? testId(value)
                : loadTest(item, value, credentialsId);
    }

    @POST
    default FormValidation doCheckScript(@QueryParameter String value) {
        return workspacePath(value, "load/checkout.js");
    }

    @POST
    default FormValidation doCheckJunitFile(@QueryParameter String value) {
        return workspacePath(value, "k6-junit.xml");
    }

    /** At most 300 characters, as k6 Cloud accepts. */
    @POST
    default FormValidation doCheckTestName(@QueryParameter String value) {
        String s = value == null ? "" : value.strip();
        int length = s.codePointCount(0, s.length());
        return length > 300 ? FormValidation.error(Messages.TestsAsCode_TestName(length)) : FormValidation.ok();
    }

    @POST
    default FormValidation doCheckPollInterval(@QueryParameter String value) {
        return duration(value, K6CloudGlobalConfiguration.get().getPollInterval(), true);
    }

    @POST
    default FormValidation doCheckTimeout(@QueryParameter String value) {
        return duration(value, K6CloudGlobalConfiguration.get().getTimeout(), false);
    }

    @POST
    default FormValidation doCheckMaxRegression(@QueryParameter String value) {
        return value == null || value.isBlank() ? FormValidation.ok() : valid(() -> RegressionGate.parse(value));
    }

    @POST
    default ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return K6CloudCredentials.fillItems(
                item, credentialsId, K6CloudGlobalConfiguration.get().getApiUrl());
    }

    default ListBoxModel doFillThresholdFailureItems() {
        ListBoxModel m = new ListBoxModel();
        m.add(Messages.ThresholdFailure_Default("FAILURE"), "");
        m.add(Messages.ThresholdFailure_FAILURE(), "FAILURE");
        m.add(Messages.ThresholdFailure_UNSTABLE(), "UNSTABLE");
        return m;
    }

    static FormValidation checkProjectId(String value) {
        return isExpression(value) ? FormValidation.ok() : valid(() -> parseProjectId(value));
    }

    static FormValidation testId(String value) {
        return isExpression(value) ? FormValidation.ok(Messages.TestIds_Expression()) : valid(() -> parseTestId(value));
    }

    /** Plain http is a warning (a local proxy, a test server). */
    static FormValidation url(String value, String example) {
        URI uri = K6CloudDefaults.httpUri(value);
        if (uri == null) {
            return FormValidation.error(Messages.FormChecks_NotAUrl(value == null ? "" : value.strip(), example));
        }
        return uri.getScheme().equalsIgnoreCase("http")
                ? FormValidation.warning(Messages.FormChecks_PlainHttp())
                : FormValidation.ok();
    }

    /** Empty is the {@code globalDefault}, or an error where there is none (the global configuration). */
    static FormValidation duration(String value, String globalDefault, boolean isPollInterval) {
        if ((value == null || value.isBlank()) && globalDefault != null) {
            return FormValidation.ok(Messages.FormChecks_EmptyUsesDefault(globalDefault));
        }
        return valid(() -> {
            Duration d = DurationFormat.parse(value);
            if (isPollInterval) {
                RunSettings.checkPollInterval(d);
            }
        });
    }

    static FormValidation valid(Runnable check) {
        try {
            check.run();
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static Long parseProjectId(String text) {
        return positiveOrNull(text, Messages::TestsAsCode_ProjectId);
    }

    static Long parseStackId(String text) {
        return positiveOrNull(text, Messages::FormChecks_StackId);
    }

    static long parseTestId(String text) {
        Long id = positiveOrNull(text, Messages::TestIds_NotANumber);
        if (id == null) {
            throw new IllegalArgumentException(Messages.TestIds_Empty());
        }
        return id;
    }

    /** A freestyle job's load test id, {@code ${NAME}} expanded; IllegalArgumentException says what to fix. */
    static long resolveTestId(String text, UnaryOperator<String> expand) {
        String raw = RunConfig.blankToNull(text);
        if (raw == null) {
            throw new IllegalArgumentException(Messages.TestIds_Empty());
        }
        String expanded = isExpression(raw) ? expand.apply(raw).strip() : raw;
        if (isExpression(expanded) || expanded.isEmpty()) {
            throw new IllegalArgumentException(Messages.TestIds_Unresolved(raw, expanded));
        }
        return parseTestId(expanded);
    }

    static boolean isExpression(String text) {
        return text != null && text.contains("${");
    }

    private static Long positiveOrNull(String text, UnaryOperator<String> notOne) {
        String s = RunConfig.blankToNull(text);
        if (s == null) {
            return null;
        }
        try {
            long id = Long.parseLong(s);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // not a number: the message below
        }
        throw new IllegalArgumentException(notOne.apply(s));
    }

    private static FormValidation workspacePath(String value, String example) {
        String s = RunConfig.blankToNull(value);
        return s != null && !isExpression(s) && TestsAsCode.isAbsolute(s)
                ? FormValidation.error(Messages.TestsAsCode_NotAPath(s, example))
                : FormValidation.ok();
    }

    /** One short attempt: the form checks the field on every change. The caller has checked Item.CONFIGURE. */
    static FormValidation loadTest(Item item, String value, String credentialsId) {
        FormValidation syntax = testId(value);
        String id = RunConfig.blankToNull(credentialsId);
        if (syntax.kind != FormValidation.Kind.OK || isExpression(value) || id == null) {
            return syntax;
        }
        try {
            RunConfig.Connection global = K6CloudGlobalConfiguration.get().connection();
            K6CloudClient client =
                    global.client(K6CloudCredentials.formToken(item, id, global.apiUrl()), global.lookupOptions());
            return describeLoadTest(client, parseTestId(value));
        } catch (AbortException | IllegalArgumentException e) {
            return FormValidation.warning(Messages.LoadTest_NotChecked(e.getMessage()));
        }
    }

    static FormValidation describeLoadTest(K6CloudClient client, long testId) {
        try {
            return FormValidation.ok(
                    Messages.LoadTest_Found(testId, client.getLoadTest(testId).name()));
        } catch (K6CloudException.NotFoundException e) {
            return FormValidation.error(Messages.LoadTest_NotFound(testId));
        } catch (K6CloudException e) {
            return FormValidation.warning(Messages.LoadTest_NotChecked(e.getMessage()));
        }
    }
}
