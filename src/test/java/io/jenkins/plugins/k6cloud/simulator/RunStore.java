package io.jenkins.plugins.k6cloud.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The load tests and runs of one simulator, shared by every API flavour. Thread-safe. */
final class RunStore {
    static final long PROJECT_ID = 3001;
    static final long ORGANIZATION_ID = 2001;
    static final long USER_ID = 9001;
    /** The user who stops runs in the web app ({@link Outcome#STOPPED_IN_WEB_APP}). */
    static final long WEB_APP_USER_ID = 9002;

    private final AtomicLong nextTestId = new AtomicLong(1001);
    private final AtomicLong nextRunId = new AtomicLong(2_000_001);
    private final ConcurrentMap<Long, LoadTestSpec> tests = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, SimRun> runs = new ConcurrentSkipListMap<>();
    private final ConcurrentMap<Long, ConcurrentSkipListMap<Long, SimRun>> runsByTest = new ConcurrentHashMap<>();

    synchronized LoadTestSpec addTest(String name, Scenario scenario, Instant now) {
        long id = nextTestId.getAndIncrement();
        LoadTestSpec test = new LoadTestSpec(id, name, now, scenario);
        tests.put(id, test);
        runsByTest.put(id, new ConcurrentSkipListMap<>());
        return test;
    }

    /** A new test named {@code name}, or {@code null} when a test has that name (names are unique in the project). */
    synchronized LoadTestSpec createTest(String name, Scenario scenario, Instant now) {
        if (tests.values().stream().anyMatch(t -> t.name().equals(name))) {
            return null;
        }
        return addTest(name, scenario, now);
    }

    /** Load test {@code id} plays {@code scenario} from its next run on, as after a new script; runs so far keep theirs. */
    synchronized void replaceScenario(long id, Scenario scenario) {
        LoadTestSpec old = tests.get(id);
        if (old == null) {
            throw new IllegalArgumentException("the simulator has no load test " + id);
        }
        tests.put(id, new LoadTestSpec(id, old.name(), old.created(), scenario));
    }

    LoadTestSpec test(long id) {
        return tests.get(id);
    }

    List<LoadTestSpec> tests() {
        return new ArrayList<>(tests.values());
    }

    SimRun startRun(LoadTestSpec test, Instant now, String stackId) {
        SimRun run = new SimRun(nextRunId.getAndIncrement(), test, now, stackId);
        runs.put(run.id(), run);
        runsByTest.get(test.id()).put(run.id(), run);
        return run;
    }

    SimRun run(long id) {
        return runs.get(id);
    }

    /** All runs, by ascending id. */
    Collection<SimRun> runs() {
        return runs.values();
    }

    /** The runs of one load test, by ascending id; empty for an unknown test. */
    Collection<SimRun> runsOf(long testId) {
        ConcurrentSkipListMap<Long, SimRun> of = runsByTest.get(testId);
        return of == null ? List.of() : of.values();
    }
}
