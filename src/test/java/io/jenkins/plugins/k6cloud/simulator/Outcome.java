package io.jenkins.plugins.k6cloud.simulator;

/**
 * How a simulated run ends when nobody stops it: the final {@code run_status}, the {@code processing_status} and {@code
 * result_status} it has once processing is over, and the error fields.
 */
public enum Outcome {
    /** 3 FINISHED, processing 2, result 0. */
    PASSES(3, 2, 0),
    /** 3 FINISHED, result 1 after processing; one threshold tainted. */
    THRESHOLDS_FAIL(3, 2, 1),
    /** 8 ABORTED_BY_THRESHOLD, result 1. */
    ABORTED_BY_THRESHOLD(8, 2, 1),
    /** 6 ABORTED_BY_SYSTEM with an error code and detail, processing 3 ERROR. */
    ABORTED_BY_SYSTEM(6, 3, 0, 1042, "Load generator instances failed to start (capacity)."),
    /** 7 ABORTED_BY_SCRIPT_ERROR with an error code and detail. */
    ABORTED_BY_SCRIPT_ERROR(7, 2, 0, 2001, "ReferenceError: foo is not defined at default (script.js:12:4)"),
    /** 9 ABORTED_BY_LIMIT with an error code and detail. */
    ABORTED_BY_LIMIT(9, 2, 0, 3007, "The test exceeded the maximum of 100 VUs of the subscription."),
    /** 4 TIMED_OUT. */
    TIMED_OUT(4, 2, 0),
    /** 5 ABORTED_BY_USER, by someone in the web app (not by a stop request of ours). */
    STOPPED_IN_WEB_APP(5, 2, 0),
    /** 3 FINISHED, a long processing phase during which result_status reads 0, then result 1. */
    PROCESSING_LAGS(3, 2, 1),
    /** 3 FINISHED, processing 3 ERROR, result 0, no threshold values. */
    PROCESSING_ERROR(3, 3, 0),
    /** run_status 42 (a code the plugin does not know) while running, then 3 FINISHED, result 0. */
    UNKNOWN_STATUS(3, 2, 0),
    /** 10 ARCHIVED right after creation (an upload-only run), never started. */
    ARCHIVED(10, 2, 0),
    /**
     * Passes, but every payload is odd: ids and statuses as strings, nulls, missing and extra fields, other date forms.
     */
    ODD_PAYLOADS(3, 2, 0);

    /** The run_status an {@link #UNKNOWN_STATUS} run shows while it runs. */
    public static final int UNKNOWN_RUNNING_CODE = 42;

    private final int endRunStatus;
    private final int finalProcessingStatus;
    private final int finalResultStatus;
    private final Integer errorCode;
    private final String errorDetail;

    Outcome(int endRunStatus, int finalProcessingStatus, int finalResultStatus) {
        this(endRunStatus, finalProcessingStatus, finalResultStatus, null, null);
    }

    Outcome(int endRunStatus, int finalProcessingStatus, int finalResultStatus, Integer errorCode, String errorDetail) {
        this.endRunStatus = endRunStatus;
        this.finalProcessingStatus = finalProcessingStatus;
        this.finalResultStatus = finalResultStatus;
        this.errorCode = errorCode;
        this.errorDetail = errorDetail;
    }

    public int endRunStatus() {
        return endRunStatus;
    }

    public int finalProcessingStatus() {
        return finalProcessingStatus;
    }

    public int finalResultStatus() {
        return finalResultStatus;
    }

    /** The {@code error_code} after the run ended, or {@code null}. */
    public Integer errorCode() {
        return errorCode;
    }

    /** The {@code error_detail} after the run ended, or {@code null}. */
    public String errorDetail() {
        return errorDetail;
    }

    /** The run_status shown during the load phase. */
    public int runningCode() {
        return this == UNKNOWN_STATUS ? UNKNOWN_RUNNING_CODE : 2;
    }

    /** The lowercase-hyphen name, e.g. {@code thresholds-fail}. */
    public String scenarioName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
