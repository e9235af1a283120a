package io.jenkins.plugins.k6cloud.faults;

import java.util.Objects;

/**
 * One row of the fault matrix: where it belongs, what it is called, what must come of it, and the
 * script that plays it in a fresh {@link Rig}.
 */
record FaultScenario(String category, String name, Expected expected, Script script) {

    /** Plays a row; returns what the plugin decided. */
    @FunctionalInterface
    interface Script {
        Played play(Rig rig) throws Exception;
    }

    FaultScenario {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(script, "script");
    }

    @Override
    public String toString() {
        return category + ": " + name;
    }
}
