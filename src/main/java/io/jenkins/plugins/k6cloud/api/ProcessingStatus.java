package io.jenkins.plugins.k6cloud.api;

/** The {@code processing_status} of a test run: whether k6 Cloud is still processing its metrics. */
public enum ProcessingStatus implements StatusCode {
    NOT_STARTED,
    PROCESSING,
    FINISHED,
    ERROR,
    UNKNOWN;

    public static ProcessingStatus of(Integer code) {
        return StatusCode.of(values(), code);
    }

    /** Processing is over: metrics, {@code result_status} and thresholds are as final as they will get. */
    public boolean isDone() {
        return this == FINISHED || this == ERROR;
    }
}
