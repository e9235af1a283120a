package io.jenkins.plugins.k6cloud.api;

/** The {@code processing_status} of a test run: whether k6 Cloud is still processing its metrics. */
public enum ProcessingStatus {
    NOT_STARTED(0, "Not started"),
    PROCESSING(1, "Processing"),
    FINISHED(2, "Finished"),
    ERROR(3, "Error"),
    UNKNOWN(Integer.MIN_VALUE, "Unknown");

    private static final StatusCodes<ProcessingStatus> BY_CODE =
            new StatusCodes<>(values(), ProcessingStatus::code, UNKNOWN);

    private final int code;
    private final String label;

    ProcessingStatus(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static ProcessingStatus of(Integer code) {
        return BY_CODE.of(code);
    }

    /** Processing is over: metrics, {@code result_status} and thresholds are as final as they will get. */
    public boolean isDone() {
        return this == FINISHED || this == ERROR;
    }
}
