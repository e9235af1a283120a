package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.ProcessingStatus;
import io.jenkins.plugins.k6cloud.api.ResultStatus;
import io.jenkins.plugins.k6cloud.api.RunStatus;
import io.jenkins.plugins.k6cloud.api.Threshold;
import io.jenkins.plugins.k6cloud.engine.VerdictRules.Judgement;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/** How a followed run ended, and what k6 Cloud last said of it ({@code null} when unknown). */
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

    /** Whether it has metrics to read. */
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
