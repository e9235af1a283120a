package io.jenkins.plugins.k6cloud.support;

import hudson.util.FormValidation;
import io.jenkins.plugins.k6cloud.engine.DurationFormat;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The form checks of the build step, the Pipeline step and the global configuration, as plain
 * functions of the typed text. The {@code doCheck*} web methods check permissions and delegate here.
 */
public final class FormChecks {
    private FormChecks() {}

    /** A positive whole number, or an expression with {@code ${...}} resolved when the build runs. */
    public static FormValidation testId(String value) {
        if (TestIds.isExpression(value)) {
            return FormValidation.ok(Messages.TestIds_Expression());
        }
        try {
            TestIds.parse(value);
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
        URI uri = httpUri(value);
        if (uri == null) {
            return FormValidation.error(Messages.FormChecks_NotAUrl(value == null ? "" : value.strip(), example));
        }
        return uri.getScheme().equals("http")
                ? FormValidation.warning(Messages.FormChecks_PlainHttp())
                : FormValidation.ok();
    }

    /** The absolute http(s) address with a host in {@code value}, or {@code null} when it is not one. */
    public static URI httpUri(String value) {
        String s = value == null ? "" : value.strip();
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null || scheme == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return null;
        }
        return uri;
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
        try {
            long id = Long.parseLong(s);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(Messages.FormChecks_StackId(s));
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
}
