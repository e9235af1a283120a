package io.jenkins.plugins.k6cloud.engine;

import java.time.Duration;

/**
 * Copies of {@link RunSettings} with one value changed, for tests that exercise the engine's limits
 * (production code makes its settings once, with {@link RunSettings#of}). Checked as any settings are.
 */
public final class TestSettings {
    private TestSettings() {}

    public static RunSettings defaults() {
        return RunSettings.of(
                RunSettings.DEFAULT_WEB_APP_URL,
                RunSettings.DEFAULT_POLL_INTERVAL,
                RunSettings.DEFAULT_TIMEOUT,
                BuildResult.FAILURE,
                true);
    }

    public static RunSettings pollInterval(RunSettings s, Duration d) {
        return copy(s, d, null, null, null, null, null, null, null, null);
    }

    public static RunSettings timeout(RunSettings s, Duration d) {
        return copy(s, null, d, null, null, null, null, null, null, null);
    }

    public static RunSettings startTimeout(RunSettings s, Duration d) {
        return copy(s, null, null, d, null, null, null, null, null, null);
    }

    public static RunSettings processingTimeout(RunSettings s, Duration d) {
        return copy(s, null, null, null, d, null, null, null, null, null);
    }

    public static RunSettings errorBudget(RunSettings s, Duration d, int maxConsecutive) {
        return copy(s, null, null, null, null, d, maxConsecutive, null, null, null);
    }

    public static RunSettings cancelWait(RunSettings s, Duration d) {
        return copy(s, null, null, null, null, null, null, d, null, null);
    }

    public static RunSettings onThresholdsFailed(RunSettings s, BuildResult r) {
        return copy(s, null, null, null, null, null, null, null, r, null);
    }

    public static RunSettings waitForEnd(RunSettings s, boolean wait) {
        return copy(s, null, null, null, null, null, null, null, null, wait);
    }

    /** {@code s} with every non-null value replaced. */
    private static RunSettings copy(
            RunSettings s,
            Duration poll,
            Duration timeout,
            Duration start,
            Duration processing,
            Duration budget,
            Integer maxErrors,
            Duration cancel,
            BuildResult onThresholdsFailed,
            Boolean wait) {
        return new RunSettings(
                poll != null ? poll : s.pollInterval(),
                timeout != null ? timeout : s.timeout(),
                start != null ? start : s.startTimeout(),
                processing != null ? processing : s.processingTimeout(),
                budget != null ? budget : s.errorBudget(),
                maxErrors != null ? maxErrors : s.maxConsecutiveErrors(),
                cancel != null ? cancel : s.cancelWait(),
                onThresholdsFailed != null ? onThresholdsFailed : s.onThresholdsFailed(),
                s.webAppUrl(),
                wait != null ? wait : s.waitForEnd());
    }
}
