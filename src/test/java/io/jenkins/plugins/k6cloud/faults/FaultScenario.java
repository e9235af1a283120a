package io.jenkins.plugins.k6cloud.faults;

import io.jenkins.plugins.k6cloud.engine.Verdict;

/** One row of the fault matrix: its category, its name, what must come of it, and the script that plays it. */
record FaultScenario(String category, String name, Expected expected, Script script) {

    /** Plays a row in a fresh {@link Rig}; returns what the plugin decided. */
    @FunctionalInterface
    interface Script {
        Played play(Rig rig) throws Exception;
    }

    static FaultScenario of(String category, String name, Verdict verdict, Script script) {
        return new FaultScenario(category, name, Expected.verdict(verdict), script);
    }

    static FaultScenario rejected(String category, String name, Script script) {
        return new FaultScenario(category, name, Expected.rejected(), script);
    }

    @Override
    public String toString() {
        return category + ": " + name;
    }
}
