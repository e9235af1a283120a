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
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import jenkins.model.RunAction2;

/**
 * One k6 Cloud run of a build: shown on the build page ({@code summary.jelly}) and as a badge in
 * the build history ({@code badge.jelly}), and contributing {@code K6_CLOUD_*} variables to later
 * steps. Holds plain values only, so {@code build.xml} stays readable and never holds the token.
 */
public class K6CloudRunAction implements RunAction2, BuildBadgeAction, EnvironmentContributingAction {
    public static final String RUN_ID_VARIABLE = "K6_CLOUD_RUN_ID";
    public static final String RUN_URL_VARIABLE = "K6_CLOUD_RUN_URL";
    public static final String RESULT_VARIABLE = "K6_CLOUD_RESULT";

    private final long testId;
    private final long runId;
    private final String runUrl;
    private final String verdict;
    private final String message;
    private final String buildResult;
    private final String runStatus;
    private final String processingStatus;
    private final String resultStatus;
    private final long durationSeconds;
    private final long vus;
    private final List<ThresholdRow> thresholds;
    /** The run's metrics as the build page shows them; {@code null} when not read (older builds too). */
    private List<MetricRow> metrics;
    /** What the metrics' changes are against, or {@code null}. */
    private String metricsComparedWith;
    /** Why the metrics are not available, or {@code null}. */
    private String metricsUnavailable;
    /** The run's figures, for the next build's comparison; {@code null} when not read. */
    private Figures figures;
    /** The name of the load test the build's k6 script was uploaded to; {@code null} without a script. */
    private String testName;
    /** Its project; 0 without a script, or when k6 Cloud did not say. */
    private long projectId;

    private transient Run<?, ?> owner;

    K6CloudRunAction(RunOutcome o) {
        this.testId = o.testId();
        this.runId = o.runId() == null ? 0 : o.runId();
        this.runUrl = o.webUrl();
        this.verdict = o.verdict().name();
        this.message = o.message();
        this.buildResult = o.buildResult().name();
        this.runStatus = o.runStatus().label();
        this.processingStatus = o.processingStatus().label();
        this.resultStatus = o.resultStatus().label();
        this.durationSeconds = o.followedFor() == null ? 0 : o.followedFor().toSeconds();
        this.vus = o.vus() == null ? -1 : o.vus();
        List<ThresholdRow> rows = new ArrayList<>();
        for (Threshold t : o.thresholds()) {
            rows.add(new ThresholdRow(t));
        }
        this.thresholds = rows;
    }

    /** The action recording {@code outcome}. */
    public static K6CloudRunAction of(RunOutcome outcome) {
        return new K6CloudRunAction(outcome);
    }

    /**
     * Keeps what the metrics read after the verdict gave (before the action is added to the build).
     *
     * @param table the metrics, or {@code null} when not available
     * @param runFigures the run's figures, or {@code null}
     * @param unavailable why not available, or {@code null}
     */
    public void recordMetrics(MetricsTable table, RunFigures runFigures, String unavailable) {
        this.metricsUnavailable = unavailable;
        if (table != null) {
            List<MetricRow> rows = new ArrayList<>();
            for (MetricsTable.Row r : table.rows()) {
                rows.add(new MetricRow(r));
            }
            this.metrics = rows;
            this.metricsComparedWith = table.comparedWith();
        }
        this.figures = runFigures == null ? null : new Figures(runFigures);
    }

    /** Keeps the load test the build's k6 script was uploaded to (before the action is added to the build). */
    public void recordUpload(String name, Long project) {
        this.testName = name;
        this.projectId = project == null ? 0 : project;
    }

    /** The name of the load test the script was uploaded to, or {@code null} when no script was. */
    public String getTestName() {
        return testName;
    }

    /** The project of the load test the script was uploaded to, or {@code null}. */
    public Long getProjectId() {
        return projectId == 0 ? null : projectId;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        owner = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        owner = r;
    }

    /** The build this run belongs to, or {@code null} before it is attached. */
    public Run<?, ?> getOwner() {
        return owner;
    }

    /**
     * {@code K6_CLOUD_RUN_ID}, {@code K6_CLOUD_RUN_URL} and {@code K6_CLOUD_RESULT} (the verdict).
     * Jenkins calls this for every action in order, so with several runs in one build the latest
     * run's values win. Nothing is set for a value that is unknown.
     */
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

    /** No page of its own: the summary and the badge link to the run in k6 Cloud. */
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

    /** The run id, or 0 when no run was started. */
    public long getRunId() {
        return runId;
    }

    /** Whether a run was started (its id is known), whether or not its saved link can be shown. */
    public boolean isRunStarted() {
        return runId > 0;
    }

    /** The run's page in the k6 web app, or {@code null}. */
    public String getRunUrl() {
        return runUrl;
    }

    /**
     * The run's page as a link target: the saved address only when it is an absolute http(s) URL,
     * else {@code null}, so that a {@code build.xml} written by an older version or edited by hand
     * cannot put a {@code javascript:} or other link on the build page. The views use this.
     */
    public String getRunHref() {
        return K6CloudDefaults.httpUri(runUrl) == null ? null : runUrl.strip();
    }

    /** The engine's verdict, e.g. {@code PASSED} or {@code THRESHOLDS_FAILED}. */
    public String getVerdict() {
        return verdict;
    }

    /** Whether the run left the build successful (it passed, or was started without waiting). */
    public boolean isSuccess() {
        return "SUCCESS".equals(buildResult);
    }

    /** One line that says what happened. */
    public String getMessage() {
        return message;
    }

    /** The build result the run asked for, e.g. {@code SUCCESS}. */
    public String getBuildResult() {
        return buildResult;
    }

    public String getRunStatus() {
        return runStatus;
    }

    public String getProcessingStatus() {
        return processingStatus;
    }

    public String getResultStatus() {
        return resultStatus;
    }

    /** How long the run was followed, in seconds. */
    public long getDurationSeconds() {
        return durationSeconds;
    }

    /** The same as text, e.g. {@code 12m30s}. */
    public String getDurationText() {
        return DurationFormat.format(Duration.ofSeconds(durationSeconds));
    }

    /** The largest number of virtual users, or -1 when unknown. */
    public long getVus() {
        return vus;
    }

    public List<ThresholdRow> getThresholds() {
        return thresholds == null ? List.of() : Collections.unmodifiableList(thresholds);
    }

    /** The run's metrics as rows of the build page's table; empty when not read. */
    public List<MetricRow> getMetrics() {
        return metrics == null ? List.of() : Collections.unmodifiableList(metrics);
    }

    /** What the changes are against, e.g. {@code build #12}, or {@code null}. */
    public String getMetricsComparedWith() {
        return metricsComparedWith;
    }

    /** Why the metrics are not available, or {@code null}. */
    public String getMetricsUnavailable() {
        return metricsUnavailable;
    }

    /** The run's figures as kept, for a later build's comparison; {@code null} when not read. */
    public RunFigures figures() {
        return figures == null ? null : figures.toRunFigures();
    }

    /**
     * One row of the metrics table. A plain class, not a record: Jenkins writes actions to
     * {@code build.xml} with XStream, which cannot read records back.
     */
    public static final class MetricRow implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String label;
        private final String value;
        private final String change;
        private final String direction;

        MetricRow(MetricsTable.Row r) {
            this.label = r.label();
            this.value = r.value();
            this.change = r.change() == null ? null : r.change().percentText();
            this.direction =
                    r.change() == null ? null : r.change().verdict().name().toLowerCase(Locale.ROOT);
        }

        public String getLabel() {
            return label;
        }

        public String getValue() {
            return value;
        }

        /** The change in percent, e.g. {@code +7.2 %}, or {@code null} when nothing was compared. */
        public String getChange() {
            return change;
        }

        /** {@code better}, {@code worse} or {@code same}, by the figure's direction; {@code null} without a change. */
        public String getDirection() {
            return direction;
        }
    }

    /** A run's figures as kept in {@code build.xml} (plain fields, see {@link MetricRow}). */
    static final class Figures implements Serializable {
        private static final long serialVersionUID = 1L;

        private final Double p95Ms;
        private final Double medianMs;
        private final Double p99Ms;
        private final Double maxMs;
        private final Double failureRate;
        private final Double rpsMean;
        private final Double rpsMax;
        private final Long requests;
        private final Double checksPassed;
        /** Each threshold's value by its name, for the regression gate; {@code null} in older builds. */
        private final LinkedHashMap<String, Double> thresholdValues;

        Figures(RunFigures f) {
            this.p95Ms = f.p95Ms();
            this.medianMs = f.medianMs();
            this.p99Ms = f.p99Ms();
            this.maxMs = f.maxMs();
            this.failureRate = f.failureRate();
            this.rpsMean = f.rpsMean();
            this.rpsMax = f.rpsMax();
            this.requests = f.requests();
            this.checksPassed = f.checksPassed();
            this.thresholdValues = new LinkedHashMap<>();
            for (Threshold t : f.thresholds()) {
                if (t.value() != null) {
                    thresholdValues.put(t.name(), t.value());
                }
            }
        }

        RunFigures toRunFigures() {
            List<Threshold> thresholds = new ArrayList<>();
            if (thresholdValues != null) {
                // only the name and value are kept: what the regression gate compares
                thresholdValues.forEach((name, value) -> thresholds.add(new Threshold(name, null, value, false)));
            }
            return new RunFigures(
                    p95Ms, medianMs, p99Ms, maxMs, failureRate, rpsMean, rpsMax, requests, checksPassed, thresholds);
        }
    }

    /** One threshold as shown in the summary table. */
    public static final class ThresholdRow implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String name;
        private final String value;
        private final boolean passed;

        ThresholdRow(Threshold t) {
            this.name = t.stat() == null || t.name().contains(t.stat()) ? t.name() : t.name() + " [" + t.stat() + "]";
            this.value = t.value() == null ? "" : format(t.value());
            this.passed = t.passed();
        }

        public String getName() {
            return name;
        }

        /** The computed value, or empty when k6 Cloud has none. */
        public String getValue() {
            return value;
        }

        public boolean isPassed() {
            return passed;
        }

        /** Threshold values as people read them: {@code 250}, {@code 0.05}, {@code 312.46}. */
        static String format(double value) {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                return Double.toString(value);
            }
            BigDecimal d = BigDecimal.valueOf(value);
            if (d.scale() > 2) {
                d = d.setScale(d.abs().compareTo(BigDecimal.ONE) < 0 ? 4 : 2, RoundingMode.HALF_UP);
            }
            d = d.stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        }
    }
}
