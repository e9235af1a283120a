package io.jenkins.plugins.k6cloud.support;

import java.util.function.UnaryOperator;

/**
 * Load test ids as people type them into the build step: a positive whole number, or text with
 * {@code ${...}} parameters that becomes one when the build runs.
 */
public final class TestIds {
    private TestIds() {}

    /** Whether the text refers to a build parameter or environment variable. */
    public static boolean isExpression(String text) {
        return text != null && text.contains("${");
    }

    /**
     * Expands the parameters in {@code text} and reads the id.
     *
     * @param expand replaces {@code ${NAME}} with the build's values (e.g. {@code EnvVars::expand})
     * @throws IllegalArgumentException with a message that says what to fix
     */
    public static long resolve(String text, UnaryOperator<String> expand) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(Messages.TestIds_Empty());
        }
        String raw = text.strip();
        String expanded = isExpression(raw) ? expand.apply(raw).strip() : raw;
        if (isExpression(expanded)) {
            throw new IllegalArgumentException(Messages.TestIds_Unresolved(raw, expanded));
        }
        if (expanded.isEmpty()) {
            throw new IllegalArgumentException(Messages.TestIds_Unresolved(raw, expanded));
        }
        return parse(expanded);
    }

    /** Reads a positive whole number. @throws IllegalArgumentException when it is not one */
    public static long parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException(Messages.TestIds_Empty());
        }
        try {
            long id = Long.parseLong(s);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below, with the text the user typed
        }
        throw new IllegalArgumentException(Messages.TestIds_NotANumber(s));
    }
}
