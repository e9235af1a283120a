package io.jenkins.plugins.k6cloud.support;

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
 * The run's metrics, read once after the verdict, for the freestyle build step and the
 * {@code k6CloudRun} step alike: what to print, what the build's {@link K6CloudRunAction} keeps and
 * what the Pipeline step returns. Best effort: a failed read gives one line
 * {@code metrics not available: ...} and never changes the verdict; an interrupt stays an interrupt.
 * The changes are against k6's baseline run when k6 reports one, else against the latest earlier
 * build of the same job whose run of the same load test has figures. With {@code maxRegression} set,
 * the {@link RegressionGate} then compares a run that PASSED with the last earlier build whose run of
 * the same load test passed, and may turn the verdict into {@link Verdict#REGRESSED}; a failed read
 * passes the gate.
 */
public final class RunMetricsRead {
    /** How many earlier builds are looked at for one with figures of the same load test. */
    static final int EARLIER_BUILDS = 50;

    /**
     * What one read gave.
     *
     * @param outcome the run's outcome: the engine's, or REGRESSED after the regression gate
     * @param lines the console lines, after the verdict's summary
     * @param table the table, or {@code null} when the metrics are not available
     * @param figures this run's figures, kept so that the next build compares with them; {@code null} likewise
     * @param changes each compared figure's change, empty when nothing was compared
     * @param unavailable why the metrics are not available, or {@code null}
     * @param checks the run's top-level checks (for the JUnit file), or {@code null} when not read
     */
    public record Read(
            RunOutcome outcome,
            List<String> lines,
            MetricsTable table,
            RunFigures figures,
            List<Change> changes,
            String unavailable,
            List<RunMetrics.Check> checks) {

        /** Prints the lines to {@code console} and keeps the table and figures in {@code action}. */
        public void report(PrintStream console, K6CloudRunAction action) {
            lines.forEach(console::println);
            action.recordMetrics(table, figures, unavailable);
        }

        /**
         * The Pipeline step's {@code metrics}: plain values only (README: "Pipeline jobs"). Each figure k6
         * Cloud reported ({@code requests}, {@code failureRate}, {@code rpsMean}, {@code rpsMax},
         * {@code medianMs}, {@code p95Ms}, {@code p99Ms}, {@code maxMs}, {@code checksPassed}),
         * {@code comparedWith} and {@code changes} when compared, or only {@code unavailable}.
         */
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

        /**
         * This read after the regression gate: a run that PASSED is compared with {@code lastPassed}; a
         * change for the worse beyond the limit makes it {@link Verdict#REGRESSED}, with the build result
         * {@code onRegression}. Other verdicts are left as they are; metrics that could not be read pass
         * the gate, which says so.
         *
         * @param lastPassed the last earlier build whose run of this load test passed, or {@code null}
         */
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

    /** Makes the client of the read; may fail to read the token (or the build's environment). */
    public interface ClientSource {
        K6CloudClient client() throws IOException, InterruptedException;
    }

    /**
     * The read after {@code outcome}'s verdict in {@code build}: compared with k6's baseline, else
     * with the previous build's run of the same load test, then through the regression gate when
     * {@code options} set {@code maxRegression}. A client that cannot be made (the token cannot be
     * read any more) makes the metrics not available, as a failed read does.
     *
     * @throws InterruptedException when the thread was interrupted during the read
     */
    public static Read afterVerdict(ClientSource source, RunOutcome outcome, Run<?, ?> build, RunConfig.Options options)
            throws InterruptedException {
        Read read;
        try {
            read = read(source.client(), outcome, earlier(build, outcome.testId(), false));
        } catch (IOException | RuntimeException e) {
            read = unavailable(outcome, e.getMessage());
        }
        RegressionGate gate = options.regressionGate(); // checked before the start: no surprise here
        return gate == null
                ? read
                : read.gated(
                        gate,
                        earlier(build, outcome.testId(), true),
                        RunConfig.thresholdResult(options.thresholdFailure()));
    }

    private RunMetricsRead() {}

    /**
     * Reads the metrics of {@code outcome}'s run once and compares them.
     *
     * @param client a client with a short retry budget ({@link RunConfig.Connection#metricsOptions()})
     * @param previous the previous build's figures of the same load test, or {@code null}
     * @throws InterruptedException when the thread was interrupted during the read
     */
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

    /** The one line of a read that failed. */
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
     * The latest build before {@code build} (at most {@link #EARLIER_BUILDS} back) that kept figures of
     * a run of {@code testId} (with {@code passedOnly}: of a run that PASSED); {@code null} when none.
     */
    public static Earlier earlier(Run<?, ?> build, long testId, boolean passedOnly) {
        Run<?, ?> r = build == null ? null : build.getPreviousBuild();
        for (int i = 0; r != null && i < EARLIER_BUILDS; i++, r = r.getPreviousBuild()) {
            List<K6CloudRunAction> actions = r.getActions(K6CloudRunAction.class);
            for (int j = actions.size() - 1; j >= 0; j--) {
                K6CloudRunAction a = actions.get(j);
                boolean fits = a.getTestId() == testId
                        && (!passedOnly || Verdict.PASSED.name().equals(a.getVerdict()));
                RunFigures f = fits ? a.figures() : null;
                if (f != null) {
                    return new Earlier(f, "build " + r.getDisplayName());
                }
            }
        }
        return null;
    }
}
