package io.jenkins.plugins.k6cloud.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * What the runs of one simulated load test do: the {@link Outcome}, the phase {@link Timings}, the VUs and configured
 * duration the run reports, and the thresholds.
 */
public record Scenario(
        String name, Outcome outcome, Timings timings, int vus, int durationSeconds, List<ThresholdSpec> thresholds) {

    public Scenario {
        thresholds = List.copyOf(thresholds);
    }

    /** A scenario with this outcome, standard timings and no thresholds; name = the outcome's scenario name. */
    public static Builder builder(Outcome outcome) {
        return new Builder(outcome);
    }

    public Scenario withTimings(Timings t) {
        return new Scenario(name, outcome, t, vus, durationSeconds, thresholds);
    }

    @Override
    public String toString() {
        return "Scenario[" + name + ", " + outcome + "]";
    }

    /** Builds a {@link Scenario}. */
    public static final class Builder {
        private final Outcome outcome;
        private String name;
        private Timings timings = Timings.standard();
        private int vus = 50;
        private final List<ThresholdSpec> thresholds = new ArrayList<>();

        private Builder(Outcome outcome) {
            this.outcome = outcome;
            this.name = outcome.scenarioName();
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder timings(Timings v) {
            timings = v;
            return this;
        }

        public Builder vus(int v) {
            vus = v;
            return this;
        }

        public Builder threshold(ThresholdSpec t) {
            thresholds.add(t);
            return this;
        }

        public Scenario build() {
            return new Scenario(name, outcome, timings, vus, 30, thresholds);
        }
    }
}
