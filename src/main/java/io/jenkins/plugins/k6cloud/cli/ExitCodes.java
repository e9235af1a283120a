package io.jenkins.plugins.k6cloud.cli;

import io.jenkins.plugins.k6cloud.engine.Verdict;

/**
 * The exit codes of {@code bin/k6cloud}; the non-zero ones are those of {@code k6 cloud} (grafana/k6
 * {@code errext/exitcodes/codes.go}, a source listed in k6-cloud-api.md).
 */
public final class ExitCodes {
    public static final int PASSED = 0;
    public static final int USAGE = 2;
    /** The run failed, was aborted in k6 Cloud, or its result cannot be trusted. */
    public static final int RUN_FAILED = 97;
    /** The run could not be followed to its end: k6 Cloud unreachable, or our timeout. */
    public static final int NOT_FOLLOWED = 98;

    public static final int THRESHOLDS_FAILED = 99;
    /** k6's {@code InvalidConfig}: k6 Cloud refused the start or the script for a reason the settings must fix. */
    public static final int INVALID_CONFIG = 104;
    /** Interrupted (SIGINT/SIGTERM): the run was stopped. */
    public static final int INTERRUPTED = 105;

    private ExitCodes() {}

    public static int of(Verdict verdict) {
        return switch (verdict) {
            case PASSED, STARTED -> PASSED;
            case THRESHOLDS_FAILED -> THRESHOLDS_FAILED;
            case TIMED_OUT, UNREACHABLE -> NOT_FOLLOWED;
            case CONFIGURATION_ERROR -> INVALID_CONFIG;
            case CANCELLED -> INTERRUPTED;
            default -> RUN_FAILED;
        };
    }
}
