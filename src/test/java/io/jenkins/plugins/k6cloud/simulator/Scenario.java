package io.jenkins.plugins.k6cloud.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the runs of one simulated load test do: the {@link Outcome}, the phase {@link Timings},
 * the VUs and configured duration the run reports, and the thresholds. Immutable; the
 * {@code with*} methods return changed copies. Ready-made ones are in {@link Scenarios}.
 */
public final class Scenario {
    private final String name;
    private final Outcome outcome;
    private final Timings timings;
    private final int vus;
    private final int durationSeconds;
    private final List<ThresholdSpec> thresholds;

    private Scenario(Builder b) {
        this.name = b.name;
        this.outcome = b.outcome;
        this.timings = b.timings;
        this.vus = b.vus;
        this.durationSeconds = b.durationSeconds;
        this.thresholds = List.copyOf(b.thresholds);
    }

    /** A scenario with this outcome, standard timings and no thresholds; name = the outcome's scenario name. */
    public static Builder builder(Outcome outcome) {
        return new Builder(outcome);
    }

    public Builder toBuilder() {
        Builder b = new Builder(outcome).name(name).timings(timings).vus(vus).durationSeconds(durationSeconds);
        b.thresholds.addAll(thresholds);
        return b;
    }

    public String name() {
        return name;
    }

    public Outcome outcome() {
        return outcome;
    }

    public Timings timings() {
        return timings;
    }

    public int vus() {
        return vus;
    }

    public int durationSeconds() {
        return durationSeconds;
    }

    public List<ThresholdSpec> thresholds() {
        return thresholds;
    }

    public Scenario withTimings(Timings t) {
        return toBuilder().timings(t).build();
    }

    @Override
    public String toString() {
        return "Scenario[" + name + ", " + outcome + "]";
    }

    /** Builds a {@link Scenario}. */
    public static final class Builder {
        private String name;
        private Outcome outcome;
        private Timings timings = Timings.standard();
        private int vus = 50;
        private int durationSeconds = 30;
        private final List<ThresholdSpec> thresholds = new ArrayList<>();

        private Builder(Outcome outcome) {
            this.outcome = Objects.requireNonNull(outcome, "outcome");
            this.name = outcome.scenarioName();
        }

        public Builder name(String v) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("a scenario needs a name, e.g. \"passes\"");
            }
            name = v;
            return this;
        }

        public Builder outcome(Outcome v) {
            outcome = Objects.requireNonNull(v, "outcome");
            return this;
        }

        public Builder timings(Timings v) {
            timings = Objects.requireNonNull(v, "timings");
            return this;
        }

        public Builder vus(int v) {
            vus = v;
            return this;
        }

        public Builder durationSeconds(int v) {
            durationSeconds = v;
            return this;
        }

        public Builder threshold(ThresholdSpec t) {
            thresholds.add(Objects.requireNonNull(t, "threshold"));
            return this;
        }

        public Scenario build() {
            return new Scenario(this);
        }
    }
}
