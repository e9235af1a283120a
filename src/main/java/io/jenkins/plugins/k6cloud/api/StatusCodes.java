package io.jenkins.plugins.k6cloud.api;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/** Finds a status constant by its k6 Cloud code; absent and unlisted codes give the enum's unknown constant. */
final class StatusCodes<E> {
    private final Map<Integer, E> byCode = new HashMap<>();
    private final E unknown;

    StatusCodes(E[] values, ToIntFunction<E> code, E unknown) {
        this.unknown = unknown;
        for (E value : values) {
            if (value != unknown) {
                byCode.put(code.applyAsInt(value), value);
            }
        }
    }

    E of(Integer code) {
        return code == null ? unknown : byCode.getOrDefault(code, unknown);
    }
}
