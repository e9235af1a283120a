package io.jenkins.plugins.k6cloud.support;

import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.k6cloud.action.K6CloudRunAction;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.ConsoleText;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import io.jenkins.plugins.k6cloud.engine.VerdictRules;
import io.jenkins.plugins.k6cloud.results.MetricsTable;
import io.jenkins.plugins.k6cloud.results.MetricsTable.Earlier;
import io.jenkins.plugins.k6cloud.results.RegressionGate;
import io.jenkins.plugins.k6cloud.results.RunFigures;
import io.jenkins.plugins.k6cloud.results.RunFigures.Change;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After the verdict ({@link #finish}): the metrics read once (best effort: a failure is one line and never changes
 * the verdict), compared with k6's baseline else the latest earlier build; the {@link RegressionGate} against the
 * last earlier PASSED build (a failed read passes it); the {@link K6CloudRunAction}; the JUnit file.
 */
public final class RunMetricsRead {
    static final int EARLIER_BUILDS = 50;

    /** {@code unavailable}: why there are no figures; {@code checks}: for the JUnit file, {@code null} when not read. */
    public record Read(
            RunOutcome outcome,
            List<String> lines,
            MetricsTable table,
            RunFigures figures,
            List<Change> changes,
            String unavailable,
            List<RunMetrics.Check> checks) {

        /** The Pipeline step's {@code metrics}: plain values only (keys: README, "Pipeline jobs"). */
        public Map<String, Object> returnValue() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (unavailable != null) {
                m.put("unavailable", unavailable);
                return m;
            }
            put(m, "requests", figures.requests());
            put(m, "failureRate", figures.failureRate());
            put(m, "rpsMean", figures.rpsMean());
            put(m, "rpsMax", figures.rpsMax());
            put(m, "medianMs", figures.medianMs());
            put(m, "p95Ms", figures.p95Ms());
            put(m, "p99Ms", figures.p99Ms());
            put(m, "maxMs", figures.maxMs());
            put(m, "checksPassed", figures.checksPassed());
            if (table.comparedWith() != null) {
                m.put("comparedWith", table.comparedWith());
                List<Map<String, Object>> list = new ArrayList<>();
                for (Change c : changes) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("figure", c.name());
                    row.put("before", c.before());
                    row.put("after", c.after());
                    row.put("percent", c.percent());
                    row.put("change", c.verdict().name());
                    list.add(row);
                }
                m.put("changes", list);
            }
            return m;
        }

        private static void put(Map<String, Object> m, String key, Object value) {
            if (value != null) {
                m.put(key, value);
            }
        }

        /** Only a PASSED run is compared. */
        public Read gated(RegressionGate gate, Earlier lastPassed, BuildResult onRegression) {
            if (outcome.verdict() != Verdict.PASSED) {
                return this;
            }
            List<String> out = new ArrayList<>(lines);
            if (unavailable != null) {
                out.add(RegressionGate.unreadable());
                return new Read(outcome, out, table, figures, changes, unavailable, checks);
            }
            RegressionGate.Result r = lastPassed == null
                    ? gate.check(figures, null, null)
                    : gate.check(figures, lastPassed.figures(), lastPassed.name());
            if (r.passed()) {
                out.addAll(r.lines());
                return new Read(outcome, out, table, figures, changes, unavailable, checks);
            }
            out.add("Regression gate: worse than " + lastPassed.name() + " beyond " + gate.limitText() + ":");
            r.lines().forEach(l -> out.add("  " + l));
            RunOutcome regressed = outcome.rejudged(
                    VerdictRules.regressed(outcome.runId(), lastPassed.name(), r.lines()), onRegression);
            out.add(ConsoleText.verdict(regressed));
            return new Read(regressed, out, table, figures, changes, unavailable, checks);
        }
    }

    public interface ClientSource {
        K6CloudClient client() throws IOException, InterruptedException;
    }

    /** {@code read}: {@code null} when there was none. */
    public record Finished(RunOutcome outcome, K6CloudRunAction action, Read read) {
        public void writeJUnit(FilePath workspace, String path, PrintStream log) throws InterruptedException {
            if (read != null && path != null && workspace != null) {
                TestsAsCode.writeJUnit(workspace, path, outcome, read.checks(), log);
            }
        }
    }

    /** Reads when {@code read} and the run was followed to its end; an interrupt ends the read and stays set. */
    public static Finished finish(
            RunOutcome outcome,
            boolean read,
            ClientSource source,
            Run<?, ?> build,
            RunConfig.Options options,
            String uploadedTestName,
            Long uploadedProjectId,
            PrintStream log) {
        Read r = null;
        if (read && outcome.followedToItsEnd()) {
            try {
                r = afterVerdict(source, outcome, build, options);
                outcome = r.outcome();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // aborted, or Jenkins is shutting down: the run has ended already
            }
        }
        K6CloudRunAction action = K6CloudRunAction.of(outcome);
        if (uploadedTestName != null || uploadedProjectId != null) {
            action.recordUpload(uploadedTestName, uploadedProjectId);
        }
        if (r != null) {
            r.lines().forEach(log::println);
            action.recordMetrics(r.table(), r.figures(), r.unavailable());
        }
        return new Finished(outcome, action, r);
    }

    /** A client that cannot be made (the token is gone) is a failed read. */
    public static Read afterVerdict(ClientSource source, RunOutcome outcome, Run<?, ?> build, RunConfig.Options options)
            throws InterruptedException {
        Earlier[] earlier = earlier(build, outcome.testId());
        Read read;
        try {
            read = read(source.client(), outcome, earlier[0]);
        } catch (IOException | RuntimeException e) {
            read = unavailable(outcome, e.getMessage());
        }
        RegressionGate gate = options.regressionGate(); // checked before the start
        return gate == null
                ? read
                : read.gated(gate, earlier[1], RunConfig.thresholdResult(options.thresholdFailure()));
    }

    private RunMetricsRead() {}

    public static Read read(K6CloudClient client, RunOutcome outcome, Earlier previous) throws InterruptedException {
        RunMetrics metrics;
        try {
            metrics = client.getRunMetrics(outcome.runId());
        } catch (K6CloudException.InterruptedCallException e) {
            Thread.currentThread().interrupt();
            InterruptedException ie = new InterruptedException(e.getMessage());
            ie.initCause(e);
            throw ie;
        } catch (K6CloudException | RuntimeException e) {
            return unavailable(outcome, e.getMessage());
        }
        if (Thread.interrupted()) {
            throw new InterruptedException(
                    "interrupted while the metrics of k6 Cloud run " + outcome.runId() + " were read");
        }
        RunFigures now = RunFigures.of(metrics.summary(), outcome.thresholds());
        Earlier earlier = Earlier.of(metrics, outcome.runId(), previous);
        MetricsTable table = MetricsTable.of(metrics, earlier);
        List<Change> changes = earlier == null ? List.of() : Change.compare(now, earlier.figures());
        return new Read(outcome, table.consoleLines(), table, now, changes, null, metrics.checks());
    }

    static Read unavailable(RunOutcome outcome, String why) {
        return new Read(
                outcome,
                List.of(MetricsTable.unavailableLine(why)),
                null,
                null,
                List.of(),
                MetricsTable.unavailableReason(why),
                null);
    }

    /**
     * In one walk over the {@link #EARLIER_BUILDS} builds before {@code build} (each may be loaded from disk): the
     * latest figures of {@code testId}, and the latest of a build whose run PASSED (the regression gate's).
     */
    static Earlier[] earlier(Run<?, ?> build, long testId) {
        Earlier[] found = new Earlier[2];
        Run<?, ?> r = build == null ? null : build.getPreviousBuild();
        for (int i = 0; r != null && i < EARLIER_BUILDS && found[1] == null; i++, r = r.getPreviousBuild()) {
            List<K6CloudRunAction> actions = r.getActions(K6CloudRunAction.class);
            for (int j = actions.size() - 1; j >= 0 && found[1] == null; j--) {
                K6CloudRunAction a = actions.get(j);
                RunFigures f = a.getTestId() == testId ? a.figures() : null;
                if (f != null) {
                    Earlier e = new Earlier(f, "build " + r.getDisplayName());
                    if (found[0] == null) {
                        found[0] = e;
                    }
                    if (Verdict.PASSED.name().equals(a.getVerdict())) {
                        found[1] = e;
                    }
                }
            }
        }
        return found;
    }
}
