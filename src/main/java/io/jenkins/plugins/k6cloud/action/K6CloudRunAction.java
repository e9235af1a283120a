package io.jenkins.plugins.k6cloud.action;

import hudson.EnvVars;
import hudson.model.BuildBadgeAction;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import io.jenkins.plugins.k6cloud.api.Threshold;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.results.MetricsTable;
import io.jenkins.plugins.k6cloud.results.RunFigures;
import io.jenkins.plugins.k6cloud.results.RunFigures.Figure;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One k6 Cloud run of a build: summary, badge, {@code K6_CLOUD_*} variables. Saved to {@code build.xml} by
 * XStream, which cannot read records back: plain values and classes only, never the token.
 */
public class K6CloudRunAction implements BuildBadgeAction, EnvironmentContributingAction {
    public static final String RUN_ID_VARIABLE = "K6_CLOUD_RUN_ID";
    public static final String RUN_URL_VARIABLE = "K6_CLOUD_RUN_URL";
    public static final String RESULT_VARIABLE = "K6_CLOUD_RESULT";

    private final long testId;
    private final long runId; // 0 when no run was started
    private final String runUrl;
    private final String verdict;
    private final String message;
    private final String buildResult;
    private final long durationSeconds;
    private final ArrayList<ThresholdRow> thresholds = new ArrayList<>();
    // null when not read
    private ArrayList<MetricsTable.Row> metrics;
    private String metricsComparedWith;
    private String metricsUnavailable;
    private LinkedHashMap<String, Double> figures; // by Figure name, for later builds
    private String testName;
    private long projectId;

    K6CloudRunAction(RunOutcome o) {
        this.testId = o.testId();
        this.runId = o.runId() == null ? 0 : o.runId();
        this.runUrl = o.webUrl();
        this.verdict = o.verdict().name();
        this.message = o.message();
        this.buildResult = o.buildResult().name();
        this.durationSeconds = o.followedFor() == null ? 0 : o.followedFor().toSeconds();
        o.thresholds().forEach(t -> thresholds.add(new ThresholdRow(t)));
    }

    public static K6CloudRunAction of(RunOutcome outcome) {
        return new K6CloudRunAction(outcome);
    }

    public void recordMetrics(MetricsTable table, RunFigures runFigures, String unavailable) {
        this.metricsUnavailable = unavailable;
        if (table != null) {
            this.metrics = new ArrayList<>(table.rows());
            this.metricsComparedWith = table.comparedWith();
        }
        if (runFigures != null) {
            LinkedHashMap<String, Double> kept = new LinkedHashMap<>();
            Stream.of(Figure.values())
                    .filter(f -> f.of(runFigures) != null)
                    .forEach(f -> kept.put(f.name(), f.of(runFigures)));
            this.figures = kept;
        }
    }

    public void recordUpload(String name, Long project) {
        this.testName = name;
        this.projectId = project == null ? 0 : project;
    }

    /** What later builds compare with: the kept figures and the thresholds that have a value. */
    public RunFigures figures() {
        if (figures == null) {
            return null;
        }
        Map<String, Double> kept = figures;
        Function<Figure, Double> f = figure -> kept.get(figure.name());
        return new RunFigures(
                f.apply(Figure.P95),
                f.apply(Figure.MEDIAN),
                f.apply(Figure.P99),
                f.apply(Figure.MAX),
                f.apply(Figure.FAILURE_RATE),
                f.apply(Figure.REQUESTS_PER_SECOND),
                null,
                null,
                f.apply(Figure.CHECKS_PASSED),
                thresholds.stream()
                        .map(ThresholdRow::threshold)
                        .filter(t -> t.value() != null)
                        .toList());
    }

    /** Jenkins calls every action in order: with several runs in one build, the latest run's values win. */
    @Override
    public void buildEnvironment(Run<?, ?> run, EnvVars env) {
        if (runId > 0) {
            env.put(RUN_ID_VARIABLE, Long.toString(runId));
        }
        if (runUrl != null) {
            env.put(RUN_URL_VARIABLE, runUrl);
        }
        env.put(RESULT_VARIABLE, verdict);
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Messages.K6CloudRunAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return null;
    }

    public long getTestId() {
        return testId;
    }

    public long getRunId() {
        return runId;
    }

    public boolean isRunStarted() {
        return runId > 0;
    }

    public String getRunUrl() {
        return runUrl;
    }

    /** Only an absolute http(s) URL: an edited {@code build.xml} cannot put a {@code javascript:} link on the page. */
    public String getRunHref() {
        return K6CloudDefaults.httpUri(runUrl) == null ? null : runUrl.strip();
    }

    public String getVerdict() {
        return verdict;
    }

    public String getMessage() {
        return message;
    }

    public String getBuildResult() {
        return buildResult;
    }

    public String getDurationText() {
        return DurationFormat.format(Duration.ofSeconds(durationSeconds));
    }

    public List<ThresholdRow> getThresholds() {
        return List.copyOf(thresholds);
    }

    public List<MetricsTable.Row> getMetrics() {
        return metrics == null ? List.of() : List.copyOf(metrics);
    }

    public String getMetricsComparedWith() {
        return metricsComparedWith;
    }

    public String getMetricsUnavailable() {
        return metricsUnavailable;
    }

    public String getTestName() {
        return testName;
    }

    public Long getProjectId() {
        return projectId == 0 ? null : projectId;
    }

    public static final class ThresholdRow implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String name;
        private final String stat;
        private final Double value;
        private final boolean passed;

        ThresholdRow(Threshold t) {
            this.name = t.name();
            this.stat = t.stat();
            this.value = t.value();
            this.passed = t.passed();
        }

        /** {@code http_req_duration [p(95)]}: the statistic when the name does not say it. */
        public String getName() {
            return stat == null || name.contains(stat) ? name : name + " [" + stat + "]";
        }

        public String getValue() {
            if (value == null || !Double.isFinite(value)) {
                return value == null ? "" : value.toString();
            }
            return RunFigures.number(value, Math.abs(value) < 1 ? 4 : 2);
        }

        public boolean isPassed() {
            return passed;
        }

        Threshold threshold() {
            return new Threshold(name, stat, value, !passed);
        }
    }
}
