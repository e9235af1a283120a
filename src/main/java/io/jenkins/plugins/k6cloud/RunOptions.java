package io.jenkins.plugins.k6cloud;

import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.DurationFormat;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import java.io.Serializable;
import java.util.Locale;

/**
 * The options of one build step or {@code k6CloudRun} step; {@code null} (or blank) means "the
 * global default". Serialisable: the Pipeline step execution keeps it across restarts.
 */
public final class RunOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String credentialsId;
    private final String pollInterval;
    private final String timeout;
    private final String thresholdFailure;
    private final boolean waitForEnd;

    public RunOptions(
            String credentialsId, String pollInterval, String timeout, String thresholdFailure, boolean waitForEnd) {
        this.credentialsId = blankToNull(credentialsId);
        this.pollInterval = blankToNull(pollInterval);
        this.timeout = blankToNull(timeout);
        this.thresholdFailure = blankToNull(thresholdFailure);
        this.waitForEnd = waitForEnd;
    }

    /** The step's own credentials id, or {@code null} to use the global default. */
    public String credentialsId() {
        return credentialsId;
    }

    /**
     * The engine settings: this step's values where given, else the global ones.
     *
     * @throws IllegalArgumentException with a message that says which value to fix
     */
    public RunSettings toSettings(GlobalSettings global) {
        return RunSettings.defaults()
                .withWebAppUrl(global.webAppUrl())
                .withPollInterval(DurationFormat.parse(orElse(pollInterval, global.pollInterval())))
                .withTimeout(DurationFormat.parse(orElse(timeout, global.timeout())))
                .withOnThresholdsFailed(thresholdResult(thresholdFailure))
                .withWaitForEnd(waitForEnd);
    }

    /**
     * The build result for failed thresholds: {@code FAILURE} (also for {@code null}) or {@code UNSTABLE}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static BuildResult thresholdResult(String text) {
        if (text == null || text.isBlank()) {
            return BuildResult.FAILURE;
        }
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (s.equals("FAILURE")) {
            return BuildResult.FAILURE;
        }
        if (s.equals("UNSTABLE")) {
            return BuildResult.UNSTABLE;
        }
        throw new IllegalArgumentException(Messages.FormChecks_ThresholdFailure(text));
    }

    /** {@code null} for missing or blank text, else the text without surrounding white space. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
