package io.jenkins.plugins.k6cloud.engine;

/** What became of a k6 Cloud run, as far as the build is concerned. */
public enum Verdict {
    /** Finished, processed, and every threshold passed. */
    PASSED,
    /** Thresholds were crossed: finished with result FAILED, or aborted by a threshold. */
    THRESHOLDS_FAILED,
    /**
     * The run passed, but the regression gate ({@code maxRegression}) found a figure that got worse
     * beyond the limit against the last earlier build whose run of the same load test passed.
     */
    REGRESSED,
    /** Someone stopped the run in the k6 web app (run_status 5) without the build asking. */
    ABORTED_IN_K6,
    /**
     * The run ended without a result: timed out, aborted by the system, a script error or a limit;
     * archived or unknown.
     */
    RUN_FAILED,
    /**
     * No run was created: k6 Cloud refused the start for a reason the settings must fix (the token,
     * the stack id, the load test id or the API URL: 401, 403, 404, a redirect, an answer that is
     * not the k6 Cloud API).
     */
    CONFIGURATION_ERROR,
    /** Finished and passed, but k6 Cloud could not process its metrics: the result cannot be trusted. */
    UNTRUSTED,
    /** Our own timeout passed; the run was stopped. */
    TIMED_OUT,
    /** k6 Cloud could not be reached or answered errors past the budget; the run was stopped if possible. */
    UNREACHABLE,
    /** The build was aborted; the run was stopped. */
    CANCELLED,
    /** The run was started and, as asked, not followed ({@code wait: false}). */
    STARTED;

    /** The build result for this verdict; thresholds (and regressions) map to FAILURE or UNSTABLE as the user chose. */
    public BuildResult buildResult(BuildResult onThresholdsFailed) {
        switch (this) {
            case PASSED:
            case STARTED:
                return BuildResult.SUCCESS;
            case THRESHOLDS_FAILED:
            case REGRESSED:
                return onThresholdsFailed;
            case UNTRUSTED:
                return BuildResult.UNSTABLE;
            case ABORTED_IN_K6:
            case CANCELLED:
                return BuildResult.ABORTED;
            default:
                return BuildResult.FAILURE;
        }
    }
}
