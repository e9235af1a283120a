package io.jenkins.plugins.k6cloud.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole life of one run, computed from its scenario, creation time and any stop: the list of transitions plus the
 * instants the run started and ended.
 */
final class RunPlan {
    static final int ABORTED_BY_USER = 5;

    private final List<Transition> transitions;
    private final Instant started;
    private final Instant ended;
    private final Instant processed;
    private final boolean endedByStop;
    private final Outcome outcome;

    private RunPlan(
            List<Transition> transitions,
            Instant started,
            Instant ended,
            Instant processed,
            boolean endedByStop,
            Outcome outcome) {
        this.transitions = List.copyOf(transitions);
        this.started = started;
        this.ended = ended;
        this.processed = processed;
        this.endedByStop = endedByStop;
        this.outcome = outcome;
    }

    /**
     * @param naturalEnd when the run ends by itself; {@code null} for the scenario's own timing
     * @param stopEffective when a stop of ours takes effect, or {@code null} when there was none
     */
    static RunPlan of(Scenario scenario, Instant created, Instant naturalEnd, Instant stopEffective) {
        Outcome outcome = scenario.outcome();
        Timings t = scenario.timings();
        List<Transition> phases = new ArrayList<>();
        phases.add(new Transition(created, -2, 0, 0));
        Instant startedAt;
        Instant end;
        if (outcome == Outcome.ARCHIVED) {
            startedAt = null;
            end = created.plus(t.created());
        } else {
            Instant at = created.plus(t.created());
            phases.add(new Transition(at, -1, 0, 0));
            at = at.plus(t.validated());
            phases.add(new Transition(at, 0, 0, 0));
            at = at.plus(t.queued());
            phases.add(new Transition(at, 1, 0, 0));
            at = at.plus(t.initializing());
            phases.add(new Transition(at, outcome.runningCode(), 0, 0));
            startedAt = at;
            end = at.plus(t.running());
        }
        if (naturalEnd != null) {
            end = max(created, naturalEnd);
        }
        boolean byStop = stopEffective != null && stopEffective.isBefore(end);
        if (byStop) {
            end = max(created, stopEffective);
        }
        List<Transition> all = new ArrayList<>();
        for (Transition p : phases) {
            if (p.at().isBefore(end)) {
                all.add(p);
            }
        }
        if (startedAt != null && !startedAt.isBefore(end)) {
            startedAt = null;
        }
        int endStatus = byStop ? ABORTED_BY_USER : outcome.endRunStatus();
        int finalProcessing = byStop ? 2 : outcome.finalProcessingStatus();
        int finalResult = byStop ? 0 : outcome.finalResultStatus();
        Duration processing = t.processing();
        Instant processedAt = end.plus(processing);
        if (processing.isZero()) {
            all.add(new Transition(end, endStatus, finalProcessing, finalResult));
        } else {
            all.add(new Transition(end, endStatus, 1, 0));
            all.add(new Transition(processedAt, endStatus, finalProcessing, finalResult));
        }
        return new RunPlan(all, startedAt, end, processedAt, byStop, outcome);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    RunState stateAt(Instant now) {
        Transition current = transitions.get(0);
        for (Transition tr : transitions) {
            if (tr.at().isAfter(now)) {
                break;
            }
            current = tr;
        }
        boolean hasEnded = !now.isBefore(ended);
        boolean errorShown = hasEnded && !endedByStop;
        boolean thresholdsFinal = hasEnded && !now.isBefore(processed) && current.processingStatus() == 2
                || hasEnded && !endedByStop && outcome == Outcome.ABORTED_BY_THRESHOLD;
        return new RunState(
                current.runStatus(),
                current.processingStatus(),
                current.resultStatus(),
                started != null && !now.isBefore(started) ? started : null,
                hasEnded ? ended : null,
                errorShown ? outcome.errorCode() : null,
                errorShown ? outcome.errorDetail() : null,
                thresholdsFinal);
    }

    /** The transitions that happened at or before {@code now}. */
    List<Transition> transitionsUntil(Instant now) {
        List<Transition> out = new ArrayList<>();
        for (Transition tr : transitions) {
            if (!tr.at().isAfter(now)) {
                out.add(tr);
            }
        }
        return out;
    }

    Instant ended() {
        return ended;
    }

    boolean endedByStop() {
        return endedByStop;
    }
}
