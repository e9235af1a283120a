package io.jenkins.plugins.k6cloud.simulator;

import java.time.Instant;

/**
 * What a run looks like at one instant of the simulator clock.
 *
 * @param started when the load started, or {@code null} before that (or when it never started)
 * @param ended when the run ended, or {@code null} while it has not
 * @param errorCode {@code error_code}, or {@code null}
 * @param errorDetail {@code error_detail}, or {@code null}
 * @param thresholdsFinal whether the thresholds show their final values
 */
public record RunState(
        int runStatus,
        int processingStatus,
        int resultStatus,
        Instant started,
        Instant ended,
        Integer errorCode,
        String errorDetail,
        boolean thresholdsFinal) {

    /** run_status 3..10: the run has stopped executing. Unknown codes (e.g. 42) are not terminal. */
    public boolean isTerminal() {
        return runStatus >= 3 && runStatus <= 10;
    }

    /** Processing is over (2 FINISHED or 3 ERROR). */
    public boolean isProcessed() {
        return processingStatus == 2 || processingStatus == 3;
    }
}
