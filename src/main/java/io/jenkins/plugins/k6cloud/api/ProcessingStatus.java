package io.jenkins.plugins.k6cloud.api;

/** The {@code processing_status} of a run: whether k6 Cloud is still processing its metrics. */
public enum ProcessingStatus implements StatusCode {
    NOT_STARTED,
    PROCESSING,
    FINISHED,
    ERROR,
    UNKNOWN;

    public static ProcessingStatus of(Integer code) {
        return StatusCode.of(values(), code);
    }

    /** Metrics, {@code result_status} and thresholds are as final as they will get. */
    public boolean isDone() {
        return this == FINISHED || this == ERROR;
    }
}
