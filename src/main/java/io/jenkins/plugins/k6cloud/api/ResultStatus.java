package io.jenkins.plugins.k6cloud.api;

/**
 * The {@code result_status} of a test run. k6 Cloud reports {@link #PASSED} (0) for most aborted
 * runs too, so it means nothing without the {@link RunStatus}.
 */
public enum ResultStatus {
    PASSED(0, "Passed"),
    FAILED(1, "Failed"),
    UNKNOWN(Integer.MIN_VALUE, "Unknown");

    private static final StatusCodes<ResultStatus> BY_CODE = new StatusCodes<>(values(), ResultStatus::code, UNKNOWN);

    private final int code;
    private final String label;

    ResultStatus(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static ResultStatus of(Integer code) {
        return BY_CODE.of(code);
    }
}
