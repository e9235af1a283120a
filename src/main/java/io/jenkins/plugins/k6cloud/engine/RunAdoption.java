package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.engine.VerdictRules.Judgement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the run a start whose answer never arrived may have created: of the test's runs created from
 * {@link #CLOCK_SKEW_MILLIS} before the send until {@link #START_CALL_MILLIS} after, not followed by another watch,
 * the earliest at or after the send, else the latest before it (more likely someone else's).
 */
record RunAdoption(
        K6CloudClient client,
        long testId,
        RunSettings settings,
        RunEngine engine,
        Instant sentAt,
        String situation,
        K6CloudException startFailure) {
    /** How far k6 Cloud's clock may lag behind ours when comparing creation times. */
    static final long CLOCK_SKEW_MILLIS = 30_000;
    /** The last attempt of a start begins within the retry budget and lasts the call timeout (at most 60 s + 60 s), plus a minute. */
    static final long START_CALL_MILLIS = 180_000;

    private Instant from() {
        return sentAt.minusMillis(CLOCK_SKEW_MILLIS);
    }

    private Instant until() {
        return sentAt.plusMillis(START_CALL_MILLIS);
    }

    static RunAdoption afterRestart(K6CloudClient client, WatchState state, RunEngine engine) {
        Long attempt = state.startAttemptAtMillis();
        return new RunAdoption(
                client,
                state.testId(),
                state.settings(),
                engine,
                Instant.ofEpochMilli(attempt != null ? attempt : state.watchStartedAtMillis()),
                "A restart interrupted the start of a run of k6 Cloud load test " + state.testId(),
                null);
    }

    static RunAdoption afterUnknownStart(
            K6CloudClient client,
            long testId,
            RunSettings settings,
            RunEngine engine,
            K6CloudException.StartOutcomeUnknownException e) {
        return new RunAdoption(
                client,
                testId,
                settings,
                engine,
                e.notBefore(),
                "The answer to the start of a run of k6 Cloud load test " + testId + " was lost (" + e.getMessage()
                        + ")",
                e.getCause() instanceof K6CloudException cause ? cause : null);
    }

    record Result(TestRun run, String explanation) {}

    Result find(boolean cancelled) throws K6CloudException {
        List<TestRun> inWindow = engine.call(() -> client.listRuns(testId, from())).stream()
                .filter(r -> r.created() != null
                        && !r.created().isBefore(from())
                        && !r.created().isAfter(until()))
                .sorted(Comparator.comparing(TestRun::created).thenComparingLong(TestRun::id))
                .toList();
        List<TestRun> preferred = new ArrayList<>();
        List<TestRun> before = new ArrayList<>();
        for (TestRun r : inWindow) {
            (r.created().isBefore(sentAt) ? before : preferred).add(r);
        }
        Collections.reverse(before); // the latest created before the request first
        preferred.addAll(before);
        TestRun chosen = null;
        List<Long> followed = new ArrayList<>(), others = new ArrayList<>();
        for (TestRun r : preferred) {
            if (chosen != null) {
                others.add(r.id());
            } else if (engine.follow(r.id())) {
                chosen = r;
            } else {
                followed.add(r.id());
            }
        }
        String skipped = followed.isEmpty() ? "" : "; " + runs(followed) + " followed by other builds";
        if (chosen == null) {
            return new Result(null, cancelled ? noneToStop(skipped) : noneFound(skipped));
        }
        String notes = skipped + (others.isEmpty() ? "" : "; " + runs(others) + " left alone");
        String doing =
                cancelled ? "stopping run " + chosen.id() + " (the build was aborted)" : "following run " + chosen.id();
        return new Result(
                chosen,
                situation + "; " + doing
                        + (chosen.created().isBefore(sentAt)
                                ? ", created shortly before the request was sent (none was created after it)"
                                : ", the first one created since then")
                        + (notes.isEmpty()
                                ? ""
                                : " (" + candidates(inWindow.size() - 1) + ": " + notes.substring(2) + ")")
                        + ": " + settings.runLink(chosen));
    }

    private String noneFound(String skipped) {
        return situation + ", and no run of the test created since " + from() + " (until "
                + until() + ") has appeared in k6 Cloud" + skipped
                + ", so no run was started by this build that it"
                + " could follow. k6 Cloud may still have started one: check the runs of load test "
                + testId
                + " in the k6 web app and stop any that is not wanted before running the build again: "
                + settings.webAppUrl();
    }

    private String noneToStop(String skipped) {
        return "The build was aborted: no run was found to stop. " + situation + ", and no run of the test created"
                + " since " + from() + " (until " + until() + ") appeared in k6 Cloud" + skipped
                + " while the plugin looked for it. To be sure, check the runs of load test " + testId
                + " in the k6 web app: " + settings.webAppUrl();
    }

    String lookingOnToStop() {
        return "The build was aborted while the plugin looks for the run that the start of load test " + testId
                + " may have created: looking on until " + until() + " to stop it if it appears";
    }

    String stillLooking() {
        return "no run had appeared yet. " + situation + "; not waiting for one any longer (cancelled twice), but a"
                + " run of the test created until " + until() + " that appears is stopped. Check the runs of load test "
                + testId + " in the k6 web app: " + settings.webAppUrl();
    }

    boolean mayStillAppear(long nowMillis) {
        return nowMillis <= until().toEpochMilli();
    }

    private static String candidates(int n) {
        return n + " other candidate" + (n == 1 ? "" : "s");
    }

    private static String runs(List<Long> ids) {
        return (ids.size() == 1 ? "run " : "runs ")
                + ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** When the start and the look both got an answer that shows a setting to fix, the start never reached k6 Cloud. */
    Judgement lookupFailed(K6CloudException e, boolean cancelled) {
        if (!cancelled && startFailure != null && startFailure.isConfigurationError() && e.isConfigurationError()) {
            return new Judgement(
                    Verdict.CONFIGURATION_ERROR,
                    "Could not start a run of k6 Cloud load test " + testId + ": " + startFailure.getMessage()
                            + " Listing the runs of the test got "
                            + answer(e) + ", so the start did not reach k6 Cloud and no run was created.");
        }
        return new Judgement(cancelled ? Verdict.CANCELLED : Verdict.UNREACHABLE, lookupFailed(e));
    }

    /** The same answer as the start's (an HTML page, say) is not quoted twice. */
    private String answer(K6CloudException e) {
        return startFailure != null
                        && startFailure.getClass() == e.getClass()
                        && startFailure.httpStatus() == e.httpStatus()
                ? "the same kind of answer"
                : e.getMessage();
    }

    private String lookupFailed(K6CloudException e) {
        return situation + ", and the runs of the test could not be listed (" + answer(e) + "); check in"
                + " the k6 web app whether a run was started and stop it if needed: " + settings.webAppUrl();
    }
}
