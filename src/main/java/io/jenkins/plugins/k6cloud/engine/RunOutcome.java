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
 * How a followed run ended: the verdict, the build result it asks for (thresholds mapped as chosen), a
 * one-line message, and what k6 Cloud last said of the run ({@code runId}, {@code webUrl}, {@code runStatusCode}
 * and {@code vus} are {@code null} when unknown; {@code thresholds} empty).
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

    /** Whether the run was followed to its end, so that it has metrics to read. */
    public boolean followedToItsEnd() {
        return runId != null
                && verdict != Verdict.STARTED
                && verdict != Verdict.CONFIGURATION_ERROR
                && verdict != Verdict.CANCELLED
                && verdict != Verdict.UNREACHABLE;
    }

    /** The same run judged again after its end (the regression gate). */
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
