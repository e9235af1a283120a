package io.jenkins.plugins.k6cloud.api;

import java.util.Locale;

/**
 * A k6 Cloud status: by default the code is the constant's position and the label its name in words;
 * the last constant, {@code UNKNOWN}, stands for absent codes and those k6 Cloud may add later.
 */
public sealed interface StatusCode permits RunStatus, ProcessingStatus, ResultStatus {
    String name();

    int ordinal();

    default int code() {
        return name().equals("UNKNOWN") ? Integer.MIN_VALUE : ordinal();
    }

    default String label() {
        String words = name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

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
