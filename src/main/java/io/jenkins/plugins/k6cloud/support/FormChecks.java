package io.jenkins.plugins.k6cloud.support;

import hudson.AbortException;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.LoadTest;
import io.jenkins.plugins.k6cloud.config.K6CloudGlobalConfiguration;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.results.RegressionGate;
import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The form checks of the build step, the Pipeline step and the global configuration, as plain
 * functions of the typed text, and the web methods the two steps' descriptors share. The
 * {@code doCheck*} web methods check permissions and delegate here. The load test look-up asks
 * k6 Cloud ({@link #loadTest}); its answer is a plain function of a client ({@link #describeLoadTest}).
 *
 * <p>What a job field's text says is checked for everyone who sees the form (the job's
 * configuration or its snippet generator, which people who may not configure the job can open): a
 * permission check there would answer them with an error page. What reaches k6 Cloud with the
 * job's credentials, or lists them, follows the credentials consumer guide: only for people who may
 * configure the job, and for the others the answer of a check that does not use them.
 */
public final class FormChecks {
    private FormChecks() {}

    /**
     * The load test id as typed; for people who may configure {@code item}, with the step's
     * credentials chosen, also its name in k6 Cloud.
     */
    public static FormValidation checkTestId(Item item, String value, String credentialsId) {
        if (item == null || !item.hasPermission(Item.CONFIGURE)) {
            return testId(value);
        }
        return loadTest(item, value, credentialsId);
    }

    /**
     * The load test id of a step that may upload a script instead: empty is fine with a script
     * ({@code script}), an error without; otherwise as {@link #checkTestId}.
     */
    public static FormValidation checkTestIdOrScript(Item item, String value, String credentialsId, String script) {
        if (value == null || value.isBlank() || value.strip().equals("0")) {
            return script == null || script.isBlank()
                    ? FormValidation.error(Messages.TestsAsCode_NoTarget())
                    : FormValidation.ok();
        }
        return checkTestId(item, value, credentialsId);
    }

    /** A path relative to the workspace ({@code script}, {@code junitFile}); empty means none. */
    public static FormValidation checkWorkspacePath(String value, String example) {
        if (value == null || value.isBlank() || isExpression(value)) {
            return FormValidation.ok();
        }
        String s = value.strip();
        if (TestsAsCode.isAbsolute(s)) {
            return FormValidation.error(Messages.TestsAsCode_NotAPath(s, example));
        }
        return FormValidation.ok();
    }

    /** A load test name k6 Cloud accepts: at most 300 characters; empty means the script's file name. */
    public static FormValidation checkTestName(String value) {
        int length = value == null
                ? 0
                : value.strip().codePointCount(0, value.strip().length());
        return length > 300 ? FormValidation.error(Messages.TestsAsCode_TestName(length)) : FormValidation.ok();
    }

    /**
     * A project id as typed in a freestyle job: empty (the default project), an expression, or a
     * positive whole number.
     */
    public static FormValidation checkProjectId(String value) {
        if (value == null || value.isBlank() || isExpression(value) || positive(value.strip()) != null) {
            return FormValidation.ok();
        }
        return FormValidation.error(Messages.TestsAsCode_ProjectId(value.strip()));
    }

    /**
     * Reads a project id: {@code null} when empty, else a positive whole number.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static Long parseProjectId(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Long id = positive(text.strip());
        if (id == null) {
            throw new IllegalArgumentException(Messages.TestsAsCode_ProjectId(text.strip()));
        }
        return id;
    }

    public static FormValidation checkPollInterval(String value) {
        return pollInterval(value, K6CloudGlobalConfiguration.get().getPollInterval());
    }

    public static FormValidation checkTimeout(String value) {
        return timeout(value, K6CloudGlobalConfiguration.get().getTimeout());
    }

    /** {@code maxRegression}: empty (no gate) or a percentage such as {@code 10%}. */
    public static FormValidation checkMaxRegression(String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            RegressionGate.parse(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** The "Secret text" credentials behind the consumer guide's permission gate. */
    public static ListBoxModel fillCredentialsIdItems(Item item, String credentialsId) {
        return K6CloudCredentials.fillItems(
                item, credentialsId, K6CloudGlobalConfiguration.get().getApiUrl());
    }

    /** The choices of the "when thresholds fail" drop-down; empty means the default (FAILURE). */
    public static ListBoxModel fillThresholdFailureItems() {
        ListBoxModel m = new ListBoxModel();
        m.add(Messages.ThresholdFailure_Default("FAILURE"), "");
        m.add(Messages.ThresholdFailure_FAILURE(), "FAILURE");
        m.add(Messages.ThresholdFailure_UNSTABLE(), "UNSTABLE");
        return m;
    }

    /** A positive whole number, or an expression with {@code ${...}} resolved when the build runs. */
    public static FormValidation testId(String value) {
        if (isExpression(value)) {
            return FormValidation.ok(Messages.TestIds_Expression());
        }
        try {
            parseTestId(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** A poll interval of at least one second; empty means the global default. */
    public static FormValidation pollInterval(String value, String globalDefault) {
        return duration(value, globalDefault, true);
    }

    /** A positive duration; empty means the global default. */
    public static FormValidation timeout(String value, String globalDefault) {
        return duration(value, globalDefault, false);
    }

    /** The global defaults: the same rules, but not empty. */
    public static FormValidation requiredDuration(String value, boolean isPollInterval) {
        return duration(value, null, isPollInterval);
    }

    /** An absolute http(s) address; plain http is allowed with a warning (a local proxy, a test server). */
    public static FormValidation url(String value, String example) {
        URI uri = K6CloudDefaults.httpUri(value);
        if (uri == null) {
            return FormValidation.error(Messages.FormChecks_NotAUrl(value == null ? "" : value.strip(), example));
        }
        return uri.getScheme().equalsIgnoreCase("http")
                ? FormValidation.warning(Messages.FormChecks_PlainHttp())
                : FormValidation.ok();
    }

    /** Empty, or a positive whole number. */
    public static FormValidation stackId(String value) {
        try {
            parseStackId(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** The stack id, {@code null} when empty. @throws IllegalArgumentException when it is not a positive number */
    public static Long parseStackId(String value) {
        String s = RunConfig.blankToNull(value);
        if (s == null) {
            return null;
        }
        Long id = positive(s);
        if (id == null) {
            throw new IllegalArgumentException(Messages.FormChecks_StackId(s));
        }
        return id;
    }

    /** Whether a load test id refers to a build parameter or environment variable. */
    public static boolean isExpression(String text) {
        return text != null && text.contains("${");
    }

    /**
     * Expands the parameters in a load test id as the build step has it, and reads the id.
     *
     * @param expand replaces {@code ${NAME}} with the build's values (e.g. {@code EnvVars::expand})
     * @throws IllegalArgumentException with a message that says what to fix
     */
    public static long resolveTestId(String text, UnaryOperator<String> expand) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(Messages.TestIds_Empty());
        }
        String raw = text.strip();
        String expanded = isExpression(raw) ? expand.apply(raw).strip() : raw;
        if (isExpression(expanded) || expanded.isEmpty()) {
            throw new IllegalArgumentException(Messages.TestIds_Unresolved(raw, expanded));
        }
        return parseTestId(expanded);
    }

    /** Reads a load test id, a positive whole number. @throws IllegalArgumentException when it is not one */
    public static long parseTestId(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException(Messages.TestIds_Empty());
        }
        Long id = positive(s);
        if (id == null) {
            throw new IllegalArgumentException(Messages.TestIds_NotANumber(s));
        }
        return id;
    }

    /** {@code s} as a positive whole number, or {@code null} when it is not one. */
    private static Long positive(String s) {
        try {
            long id = Long.parseLong(s);
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static FormValidation duration(String value, String globalDefault, boolean isPollInterval) {
        if ((value == null || value.isBlank()) && globalDefault != null) {
            return FormValidation.ok(Messages.FormChecks_EmptyUsesDefault(globalDefault));
        }
        try {
            Duration d = DurationFormat.parse(value);
            if (isPollInterval) {
                RunSettings.checkPollInterval(d);
            }
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
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
        FormValidation syntax = testId(value);
        String id = RunConfig.blankToNull(credentialsId);
        if (syntax.kind != FormValidation.Kind.OK || isExpression(value) || id == null) {
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
            return describeLoadTest(global.client(token, global.lookupOptions()), parseTestId(value));
        } catch (AbortException | IllegalArgumentException e) {
            return FormValidation.warning(Messages.LoadTest_NotChecked(e.getMessage()));
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
