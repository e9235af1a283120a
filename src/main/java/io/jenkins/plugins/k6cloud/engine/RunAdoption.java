package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.RunQuery;
import io.jenkins.plugins.k6cloud.api.TestRun;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * After a restart that happened while the start request was in flight, finds the run that request
 * may have created, so that the engine adopts it instead of starting a second one. The candidate
 * is the earliest run of the test created since the watch began (less {@link #CLOCK_SKEW_MILLIS}
 * for clocks that disagree). When there is none, no run is started again: the build reports
 * that the start was interrupted, which can never leave a run going or start a duplicate.
 */
final class RunAdoption {
    /** How far k6 Cloud's clock may lag behind ours when comparing creation times. */
    static final long CLOCK_SKEW_MILLIS = 30_000;

    private final K6CloudClient client;
    private final WatchState state;

    RunAdoption(K6CloudClient client, WatchState state) {
        this.client = client;
        this.state = state;
    }

    /** The run found (or {@code null}) and a line that says what was decided. */
    record Result(TestRun run, String explanation) {}

    Result find() throws K6CloudException {
        Instant since = Instant.ofEpochMilli(state.watchStartedAtMillis() - CLOCK_SKEW_MILLIS);
        List<TestRun> candidates = client.listRuns(RunQuery.ofTest(state.testId())).stream()
                .filter(r -> r.created() != null && !r.created().isBefore(since))
                .sorted(Comparator.comparing(TestRun::created).thenComparingLong(TestRun::id))
                .collect(Collectors.toList());
        if (candidates.isEmpty()) {
            return new Result(null, "The restart interrupted the start of a run of k6 Cloud load test "
                    + state.testId() + " and k6 Cloud has no run of it created since " + since
                    + ", so no run was started; run the build again.");
        }
        TestRun run = candidates.get(0);
        String others = candidates.size() == 1 ? "" : " (runs " + candidates.subList(1, candidates.size()).stream()
                .map(r -> String.valueOf(r.id())).collect(Collectors.joining(", "))
                + " were created later and are left alone)";
        return new Result(run, "The restart interrupted the start of a run of k6 Cloud load test " + state.testId()
                + "; following run " + run.id() + ", the first one created since then" + others + ": "
                + (run.webUrl() != null ? run.webUrl() : state.settings().runUrl(run.id())));
    }

    String lookupFailed(K6CloudException e) {
        return "The restart interrupted the start of a run of k6 Cloud load test " + state.testId()
                + " and the runs of the test could not be listed (" + e.getMessage() + "); check in the k6 web app"
                + " whether a run was started and stop it if needed: " + state.settings().webAppUrl();
    }
}
