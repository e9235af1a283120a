package io.jenkins.plugins.k6cloud.api;

import java.time.Instant;

/**
 * A test run, whichever API it came from; every field but {@link #id()} may be {@code null}.
 *
 * @param runStatusCode the raw {@code run_status}, kept for codes this plugin does not know
 * @param statusText a v6 status this plugin does not know (such as {@code "paused"}), as written
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
