package io.jenkins.plugins.k6cloud.cli;

import io.jenkins.plugins.k6cloud.engine.Verdict;

/**
 * The exit codes of {@code bin/k6cloud}; the non-zero ones are those of {@code k6 cloud} (grafana/k6
 * {@code errext/exitcodes/codes.go}, a source listed in k6-cloud-api.md).
 */
public final class ExitCodes {
    public static final int PASSED = 0;
    public static final int USAGE = 2;
    public static final int RUN_FAILED = 97;
    public static final int NOT_FOLLOWED = 98;

    public static final int THRESHOLDS_FAILED = 99;
    public static final int INVALID_CONFIG = 104;
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
