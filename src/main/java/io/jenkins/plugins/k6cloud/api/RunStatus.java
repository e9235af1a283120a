package io.jenkins.plugins.k6cloud.api;

/**
 * The {@code run_status} of a k6 Cloud test run: how far the run is in its execution pipeline.
 * Codes k6 Cloud may add later map to {@link #UNKNOWN}; {@link TestRun#runStatusCode()} keeps the
 * raw code so that it can still be shown.
 */
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

    /** The wording of the k6 CLI and web app, e.g. "Aborted (by threshold)". */
    @Override
    public String label() {
        return label;
    }

    public static RunStatus of(Integer code) {
        return StatusCode.of(values(), code);
    }

    /** Created, validated, queued or initializing: the load has not started yet. */
    public boolean isBeforeRunning() {
        return this == CREATED || this == VALIDATED || this == QUEUED || this == INITIALIZING;
    }

    /** A known code of a run that has stopped executing (3..10). {@link #UNKNOWN} is not assumed terminal. */
    public boolean isTerminal() {
        return code >= FINISHED.code && this != UNKNOWN;
    }
}
