package io.jenkins.plugins.k6cloud.api;

/**
 * The {@code result_status} of a test run. k6 Cloud reports {@link #PASSED} (0) for most aborted
 * runs too, so it means nothing without the {@link RunStatus}.
 */
public enum ResultStatus implements StatusCode {
    PASSED,
    FAILED,
    UNKNOWN;

    public static ResultStatus of(Integer code) {
        return StatusCode.of(values(), code);
    }
}
