package io.jenkins.plugins.k6cloud.api;

/** The {@code result_status} of a run; k6 Cloud says {@link #PASSED} for most aborted runs too. */
public enum ResultStatus implements StatusCode {
    PASSED,
    FAILED,
    UNKNOWN;

    public static ResultStatus of(Integer code) {
        return StatusCode.of(values(), code);
    }
}
