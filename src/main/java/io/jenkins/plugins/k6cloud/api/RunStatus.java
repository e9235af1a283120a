package io.jenkins.plugins.k6cloud.api;

/** The {@code run_status} of a run; a code k6 Cloud adds later is {@link #UNKNOWN} (the raw code is kept). */
public enum RunStatus implements StatusCode {
    CREATED(-2, "Created"),
    VALIDATED(-1, "Validated"),
    QUEUED(0, "Queued"),
    INITIALIZING(1, "Initializing"),
    RUNNING(2, "Running"),
    FINISHED(3, "Finished"),
    TIMED_OUT(4, "Timed out"),
    ABORTED_BY_USER(5, "Aborted (by user)"),
    ABORTED_BY_SYSTEM(6, "Aborted (by system)"),
    ABORTED_BY_SCRIPT_ERROR(7, "Aborted (by script error)"),
    ABORTED_BY_THRESHOLD(8, "Aborted (by threshold)"),
    ABORTED_BY_LIMIT(9, "Aborted (by limit)"),
    /** Not documented in the v2 reference; k6 uses it for upload-only runs. */
    ARCHIVED(10, "Archived"),
    UNKNOWN(Integer.MIN_VALUE, "Unknown");

    private final int code;
    private final String label;

    RunStatus(int code, String label) {
        this.code = code;
        this.label = label;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public String label() {
        return label;
    }

    public static RunStatus of(Integer code) {
        return StatusCode.of(values(), code);
    }

    public boolean isBeforeRunning() {
        return this == CREATED || this == VALIDATED || this == QUEUED || this == INITIALIZING;
    }

    /** 3..10; {@link #UNKNOWN} is not assumed terminal. */
    public boolean isTerminal() {
        return code >= FINISHED.code && this != UNKNOWN;
    }
}
