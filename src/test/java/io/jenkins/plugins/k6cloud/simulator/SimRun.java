package io.jenkins.plugins.k6cloud.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * One simulated run. Its state is not stored but computed from the clock by its {@link RunPlan};
 * a stop (or a forced natural end) replaces the plan, so no timers are needed.
 */
final class SimRun {
    private final long id;
    private final LoadTestSpec test;
    private final Instant created;
    private final String stackId;
    private volatile RunPlan plan;
    private volatile Instant stopRequested;
    private volatile Instant naturalEnd;
    private volatile Instant stopEffective;
    private volatile String note = "";

    SimRun(long id, LoadTestSpec test, Instant created, String stackId) {
        this.id = id;
        this.test = test;
        this.created = created;
        this.stackId = stackId;
        this.plan = RunPlan.of(test.scenario(), created, null, null);
    }

    long id() {
        return id;
    }

    /** The note of the run ({@code ""} until one is set). */
    String note() {
        return note;
    }

    void note(String text) {
        note = text;
    }

    LoadTestSpec test() {
        return test;
    }

    Scenario scenario() {
        return test.scenario();
    }

    Instant created() {
        return created;
    }

    String stackId() {
        return stackId;
    }

    RunState stateAt(Instant now) {
        return plan.stateAt(now);
    }

    RunPlan plan() {
        return plan;
    }

    Instant stopRequested() {
        return stopRequested;
    }

    /**
     * Records a stop of ours that arrived at {@code now}; the run becomes ABORTED_BY_USER after {@code delay} unless it
     * ends by itself before that.
     */
    synchronized void requestStop(Instant now, Duration delay) {
        if (stopRequested != null) {
            return;
        }
        stopRequested = now;
        stopEffective = now.plus(delay);
        plan = RunPlan.of(test.scenario(), created, naturalEnd, stopEffective);
    }

    /** Makes the run end by itself, with its scenario's outcome, at {@code at} (if it has not ended before). */
    synchronized void endNaturallyAt(Instant at) {
        if (!plan.ended().isAfter(at)) {
            return;
        }
        naturalEnd = at;
        plan = RunPlan.of(test.scenario(), created, at, stopEffective);
    }
}
