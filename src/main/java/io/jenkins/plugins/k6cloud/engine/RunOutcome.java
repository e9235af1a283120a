package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.ProcessingStatus;
import io.jenkins.plugins.k6cloud.api.ResultStatus;
import io.jenkins.plugins.k6cloud.api.RunStatus;
import io.jenkins.plugins.k6cloud.api.Threshold;
import io.jenkins.plugins.k6cloud.engine.VerdictRules.Judgement;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * How a followed run ended: the verdict, the build result it asks for, a one-line message for the
 * console and the build page, and what k6 Cloud last said about the run.
 *
 * @param verdict what became of the run
 * @param buildResult the build result the verdict asks for (thresholds already mapped as chosen)
 * @param message one line that says what happened and, on failure, what to look at
 * @param testId the load test
 * @param runId the run, or {@code null} when no run was started
 * @param webUrl the run's page in the k6 web app, or {@code null}
 * @param runStatus the last {@code run_status} seen ({@code UNKNOWN} when none)
 * @param runStatusCode its raw code, or {@code null}
 * @param processingStatus the last {@code processing_status} seen
 * @param resultStatus the last {@code result_status} seen
 * @param followedFor how long the engine followed the run
 * @param vus the largest number of virtual users, or {@code null}
 * @param thresholds the run's thresholds, empty when unknown
 */
public record RunOutcome(
        Verdict verdict,
        BuildResult buildResult,
        String message,
        long testId,
        Long runId,
        String webUrl,
        RunStatus runStatus,
        Integer runStatusCode,
        ProcessingStatus processingStatus,
        ResultStatus resultStatus,
        Duration followedFor,
        Integer vus,
        List<Threshold> thresholds)
        implements Serializable {
    public RunOutcome {
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    }

    /**
     * Whether the run was started and followed to its end in k6 Cloud, so that it has metrics to read:
     * not {@code wait: false}, not a refused start, not a build abort, not an unreachable k6 Cloud.
     */
    public boolean followedToItsEnd() {
        return runId != null
                && verdict != Verdict.STARTED
                && verdict != Verdict.CONFIGURATION_ERROR
                && verdict != Verdict.CANCELLED
                && verdict != Verdict.UNREACHABLE;
    }

    /**
     * The same run judged again after its end (the regression gate): {@code judgement}'s verdict and
     * message, and the build result that verdict asks for.
     */
    public RunOutcome rejudged(Judgement judgement, BuildResult onThresholdsFailed) {
        Verdict v = judgement.verdict();
        return new RunOutcome(
                v,
                v.buildResult(onThresholdsFailed),
                judgement.message(),
                testId,
                runId,
                webUrl,
                runStatus,
                runStatusCode,
                processingStatus,
                resultStatus,
                followedFor,
                vus,
                thresholds);
    }
}
