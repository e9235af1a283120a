package io.jenkins.plugins.k6cloud.simulator;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class ScenarioStateMachineTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static SimRun run(Scenario s) {
        return new SimRun(1, new LoadTestSpec(7, s.name(), T0, s), T0, null);
    }

    private static List<Integer> codes(RunState st) {
        return List.of(st.runStatus(), st.processingStatus(), st.resultStatus());
    }

    @Test
    public void everyScenarioEndsWithItsOutcomeAfterProcessing() {
        for (String name : Scenarios.names()) {
            Scenario s = Scenarios.byName(name);
            Outcome o = s.outcome();
            SimRun run = run(s);
            assertEquals(name, List.of(-2, 0, 0), codes(run.stateAt(T0)));
            RunState end = run.stateAt(T0.plus(s.timings().total()));
            assertEquals(name, List.of(o.endRunStatus(), o.finalProcessingStatus(), o.finalResultStatus()), codes(end));
            assertTrue(name, end.isTerminal());
            assertTrue(name, end.isProcessed());
            assertEquals(name, o.errorCode(), end.errorCode());
            assertEquals(name, o.errorDetail(), end.errorDetail());
        }
    }

    @Test
    public void runningCodeIsTwoExceptForTheUnknownStatusScenario() {
        for (String name : Scenarios.names()) {
            Scenario s = Scenarios.byName(name);
            if (s.outcome() == Outcome.ARCHIVED) {
                continue;
            }
            RunState running = run(s).stateAt(T0.plus(s.timings().untilRunning()));
            int expected = s.outcome() == Outcome.UNKNOWN_STATUS ? 42 : 2;
            assertEquals(name, expected, running.runStatus());
            assertEquals(name, T0.plus(s.timings().untilRunning()), running.started());
            assertNull(name, running.ended());
        }
    }

    @Test
    public void unknownRunningCodeIsNotTerminal() {
        Scenario s = Scenarios.byName("unknown-status");
        RunState st = run(s).stateAt(T0.plus(s.timings().untilRunning()));
        assertEquals(Outcome.UNKNOWN_RUNNING_CODE, st.runStatus());
        assertFalse(st.isTerminal());
    }

    @Test
    public void processingLagsReadsResultZeroUntilTheLongProcessingIsOver() {
        Scenario s = Scenarios.byName("processing-lags");
        SimRun run = run(s);
        Instant end = T0.plus(s.timings().untilEnd());
        assertEquals(List.of(3, 1, 0), codes(run.stateAt(end)));
        assertEquals(List.of(3, 1, 0), codes(run.stateAt(end.plus(Duration.ofMinutes(9)))));
        assertFalse(run.stateAt(end.plus(Duration.ofMinutes(9))).thresholdsFinal());
        assertEquals(List.of(3, 2, 1), codes(run.stateAt(end.plus(Duration.ofMinutes(10)))));
    }

    @Test
    public void abortedBySystemShowsItsErrorOnlyOnceEnded() {
        Scenario s = Scenarios.byName("aborted-by-system");
        SimRun run = run(s);
        Instant end = T0.plus(s.timings().untilEnd());
        assertNull(run.stateAt(end.minusMillis(1)).errorCode());
        RunState st = run.stateAt(end);
        assertEquals(6, st.runStatus());
        assertEquals(Integer.valueOf(1042), st.errorCode());
        assertNotNull(st.errorDetail());
        assertEquals(List.of(6, 3, 0), codes(run.stateAt(T0.plus(s.timings().total()))));
    }

    @Test
    public void archivedRunNeverStarts() {
        Scenario s = Scenarios.byName("archived");
        SimRun run = run(s);
        RunState st = run.stateAt(T0.plus(s.timings().created()));
        assertEquals(10, st.runStatus());
        assertNull(st.started());
        assertEquals(T0.plus(s.timings().created()), st.ended());
    }

    @Test
    public void abortedByThresholdRevealsTaintedThresholdsWhenItEnds() {
        Scenario s = Scenarios.byName("aborted-by-threshold");
        RunState st = run(s).stateAt(T0.plus(s.timings().untilEnd()));
        assertEquals(8, st.runStatus());
        assertEquals(1, st.processingStatus());
        assertTrue(st.thresholdsFinal());
    }

    @Test
    public void stopTakesEffectAfterTheDelayThenProcessingFinishes() {
        Scenario s = Scenarios.passes();
        SimRun run = run(s);
        Instant stopAt = T0.plus(Duration.ofSeconds(20));
        run.requestStop(stopAt, Duration.ofSeconds(3));
        assertEquals(2, run.stateAt(stopAt.plusSeconds(2)).runStatus());
        RunState aborted = run.stateAt(stopAt.plusSeconds(3));
        assertEquals(List.of(5, 1, 0), codes(aborted));
        assertEquals(stopAt.plusSeconds(3), aborted.ended());
        assertNull("no error for an abort by user", aborted.errorCode());
        assertEquals(
                List.of(5, 2, 0),
                codes(run.stateAt(stopAt.plusSeconds(3).plus(s.timings().processing()))));
        assertTrue(run.plan().endedByStop());
    }

    @Test
    public void stopWhileQueuedEndsARunThatNeverStarted() {
        SimRun run = run(Scenarios.passes());
        run.requestStop(T0.plusSeconds(3), Duration.ZERO);
        RunState st = run.stateAt(T0.plusSeconds(3));
        assertEquals(5, st.runStatus());
        assertNull(st.started());
    }

    @Test
    public void naturalEndBeforeTheDelayedStopWins() {
        Scenario s = Scenarios.passes();
        SimRun run = run(s);
        Instant end = T0.plus(s.timings().untilEnd());
        run.requestStop(end.minusSeconds(1), Duration.ofSeconds(5));
        assertEquals(3, run.stateAt(end).runStatus());
        assertFalse(run.plan().endedByStop());
        run.requestStop(end, Duration.ZERO);
        assertEquals("a second stop changes nothing", 3, run.stateAt(end).runStatus());
    }

    @Test
    public void forcedNaturalEndKeepsTheScenarioOutcome() {
        SimRun run = run(Scenarios.thresholdsFail());
        Instant at = T0.plusSeconds(15);
        run.endNaturallyAt(at);
        assertEquals(3, run.stateAt(at).runStatus());
        assertEquals(at, run.stateAt(at).ended());
        assertEquals(
                1,
                run.stateAt(at.plus(Scenarios.thresholdsFail().timings().processing()))
                        .resultStatus());
    }

    @Test
    public void scenariosAreFoundByAnySpellingOfTheirName() {
        assertEquals("passes", Scenarios.names().get(0));
        assertEquals(
                Outcome.THRESHOLDS_FAIL, Scenarios.byName("thresholds-fail").outcome());
        assertEquals(
                Outcome.THRESHOLDS_FAIL, Scenarios.byName("THRESHOLDS_FAIL").outcome());
        assertEquals(
                Outcome.ABORTED_BY_THRESHOLD,
                Scenarios.byName("aborted-by-threshold").outcome());
        String unknown = assertThrows(IllegalArgumentException.class, () -> Scenarios.byName("explodes"))
                .getMessage();
        assertTrue(unknown, unknown.contains("thresholds-fail"));
    }

    @Test
    public void scenarioBuilderOverridesTimingsAndThresholds() {
        Scenario s = Scenario.builder(Outcome.PASSES)
                .name("quick")
                .timings(Timings.standard().withRunning(Duration.ofSeconds(2)))
                .vus(3)
                .threshold(ThresholdSpec.failing("checks: rate>0.99", "rate", 0.99, 0.5))
                .build();
        assertEquals("quick", s.name());
        assertEquals(Duration.ofSeconds(2), s.timings().running());
        assertEquals(3, s.vus());
        assertEquals("checks", s.thresholds().get(0).metric());
        assertEquals("rate", s.thresholds().get(0).metricType());
    }
}
