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
 * Finds the run a start request may have created when its answer never arrived (a restart in the
 * middle of it, or a start whose outcome the client could not tell), so that the engine adopts
 * it instead of starting a second one. The candidate is the earliest run of the test created
 * since the request could have been sent. When there is none, nothing is started again: the
 * build reports that no run was found, which can never start a duplicate.
 */
final class RunAdoption {
    /** How far k6 Cloud's clock may lag behind ours when comparing creation times. */
    static final long CLOCK_SKEW_MILLIS = 30_000;

    private final K6CloudClient client;
    private final long testId;
    private final RunSettings settings;
    private final Instant since;
    private final String situation;

    private RunAdoption(K6CloudClient client, long testId, RunSettings settings, Instant since, String situation) {
        this.client = client;
        this.testId = testId;
        this.settings = settings;
        this.since = since;
        this.situation = situation;
    }

    /** A restart happened while the start request of {@code state} was in flight. */
    static RunAdoption afterRestart(K6CloudClient client, WatchState state) {
        return new RunAdoption(client, state.testId(), state.settings(),
                Instant.ofEpochMilli(state.watchStartedAtMillis() - CLOCK_SKEW_MILLIS),
                "A restart interrupted the start of a run of k6 Cloud load test " + state.testId());
    }

    /** The client could not tell whether the start created a run. */
    static RunAdoption afterUnknownStart(K6CloudClient client, long testId, RunSettings settings,
            K6CloudException.StartOutcomeUnknownException e) {
        return new RunAdoption(client, testId, settings, e.notBefore(),
                "The answer to the start of a run of k6 Cloud load test " + testId + " was lost (" + e.getMessage()
                        + ")");
    }

    /** The run found (or {@code null}) and a line that says what was decided. */
    record Result(TestRun run, String explanation) {}

    Result find() throws K6CloudException {
        List<TestRun> candidates = client.listRuns(RunQuery.ofTest(testId)).stream()
                .filter(r -> r.created() != null && !r.created().isBefore(since))
                .sorted(Comparator.comparing(TestRun::created).thenComparingLong(TestRun::id))
                .collect(Collectors.toList());
        if (candidates.isEmpty()) {
            return new Result(null, situation + ", and k6 Cloud has no run of the test created since " + since
                    + ", so no run was started; run the build again.");
        }
        TestRun run = candidates.get(0);
        String others = candidates.size() == 1 ? "" : " (runs " + candidates.subList(1, candidates.size()).stream()
                .map(r -> String.valueOf(r.id())).collect(Collectors.joining(", "))
                + " were created later and are left alone)";
        return new Result(run, situation + "; following run " + run.id()
                + ", the first one created since then" + others + ": "
                + (run.webUrl() != null ? run.webUrl() : settings.runUrl(run.id())));
    }

    String lookupFailed(K6CloudException e) {
        return situation + ", and the runs of the test could not be listed (" + e.getMessage() + "); check in"
                + " the k6 web app whether a run was started and stop it if needed: " + settings.webAppUrl();
    }
}
