package io.jenkins.plugins.k6cloud.api;

import java.time.Instant;

/**
 * One k6 Cloud test run as the plugin sees it, whichever API flavour it came from. Every field but
 * {@link #id()} may be missing in a response, so may be {@code null}; the status getters return
 * {@code UNKNOWN} rather than {@code null}.
 *
 * @param runStatusCode the raw {@code run_status}, kept for codes this plugin does not know
 * @param vus the largest number of virtual users of the run
 * @param durationSeconds the configured length of the test, in seconds
 * @param webUrl the run's page in the k6 web app when the API gave one (v6 {@code test_run_details_page_url})
 * @param statusText the status as the API wrote it, when it is one this plugin does not know (a v6
 *     status string such as {@code "paused"}); {@code null} otherwise, and always for v2, whose codes
 *     are numbers
 */
public record TestRun(
        long id,
        Long testId,
        Integer runStatusCode,
        Integer processingStatusCode,
        Integer resultStatusCode,
        Instant created,
        Instant started,
        Instant ended,
        Integer vus,
        Integer durationSeconds,
        Integer errorCode,
        String errorDetail,
        String webUrl,
        String statusText) {

    /** A run known by its id, its test and its status codes only (a saved watch, a test). */
    public static TestRun ofStatus(
            long id, Long testId, Integer runStatus, Integer processingStatus, Integer resultStatus) {
        return new TestRun(
                id,
                testId,
                runStatus,
                processingStatus,
                resultStatus,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public RunStatus runStatus() {
        return RunStatus.of(runStatusCode);
    }

    public ProcessingStatus processingStatus() {
        return ProcessingStatus.of(processingStatusCode);
    }

    public ResultStatus resultStatus() {
        return ResultStatus.of(resultStatusCode);
    }
}
