package io.jenkins.plugins.k6cloud.simulator;

import java.time.Instant;
import java.util.List;

/**
 * A run as the journal reports it, at one instant of the simulator clock.
 *
 * @param scenario the scenario name
 * @param stackId the {@code X-Stack-Id} of the start request, or {@code null}
 * @param transitions the status changes up to {@code asOf}, oldest first
 * @param stopRequested when our first accepted stop arrived, or {@code null}
 * @param stoppedByUs whether the run ended (or will end) ABORTED_BY_USER because of our stop
 */
public record RunRecord(
        long id,
        long testId,
        String scenario,
        String stackId,
        Instant created,
        Instant asOf,
        RunState state,
        List<Transition> transitions,
        Instant stopRequested,
        boolean stoppedByUs) {

    /** Whether the run has stopped executing (run_status 3..10) as of {@link #asOf()}. */
    public boolean isTerminal() {
        return state.isTerminal();
    }
}
