package io.jenkins.plugins.k6cloud.api;

import java.util.Locale;

/**
 * A k6 Cloud status ({@link RunStatus}, {@link ProcessingStatus}, {@link ResultStatus}): a code and
 * its label. By default the code is the constant's position and the label its name in words
 * ({@code NOT_STARTED}: 0, "Not started"); the last constant, {@code UNKNOWN}, stands for absent codes
 * and those k6 Cloud may add later.
 */
public sealed interface StatusCode permits RunStatus, ProcessingStatus, ResultStatus {
    /** The enum constant's name (implemented by {@link Enum#name()}). */
    String name();

    /** The enum constant's position (implemented by {@link Enum#ordinal()}). */
    int ordinal();

    /** The code k6 Cloud sends; {@link Integer#MIN_VALUE} for {@code UNKNOWN}. */
    default int code() {
        return name().equals("UNKNOWN") ? Integer.MIN_VALUE : ordinal();
    }

    /** The wording of the k6 CLI and web app, e.g. "Not started". */
    default String label() {
        String words = name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The constant of {@code code}; absent and unlisted codes give the last constant, {@code UNKNOWN}. */
    static <E extends Enum<E> & StatusCode> E of(E[] values, Integer code) {
        E unknown = values[values.length - 1];
        for (E value : values) {
            if (code != null && value != unknown && value.code() == code) {
                return value;
            }
        }
        return unknown;
    }
}
