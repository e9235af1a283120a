package io.jenkins.plugins.k6cloud.engine;

/** What became of a k6 Cloud run, as far as the build is concerned ({@link VerdictRules} decides). */
public enum Verdict {
    PASSED, // finished, processed, every threshold passed
    THRESHOLDS_FAILED, // finished with result FAILED, or aborted by a threshold
    REGRESSED, // passed, but maxRegression found a figure worse than the last earlier passed build's
    ABORTED_IN_K6, // stopped in the k6 web app (run_status 5), not by the build
    RUN_FAILED, // ended without a result (timed out, aborted by the system, a script error, a limit; archived, unknown)
    CONFIGURATION_ERROR, // the start was refused for a setting to fix (401, 403, 404, a redirect, not the API)
    UNTRUSTED, // finished and passed, but k6 Cloud could not process its metrics
    TIMED_OUT, // our own timeout passed; the run was stopped
    UNREACHABLE, // k6 Cloud failed past the budget, or with an error; the run was stopped if possible
    CANCELLED, // the build was aborted; the run was stopped
    STARTED; // started and, as asked (wait: false), not followed

    /** The build result for this verdict; thresholds and regressions take the one the user chose. */
    public BuildResult buildResult(BuildResult onThresholdsFailed) {
        return switch (this) {
            case PASSED, STARTED -> BuildResult.SUCCESS;
            case THRESHOLDS_FAILED, REGRESSED -> onThresholdsFailed;
            case UNTRUSTED -> BuildResult.UNSTABLE;
            case ABORTED_IN_K6, CANCELLED -> BuildResult.ABORTED;
            default -> BuildResult.FAILURE;
        };
    }
}
