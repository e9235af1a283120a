package io.jenkins.plugins.k6cloud;

import io.jenkins.plugins.k6cloud.api.ProcessingStatus;
import io.jenkins.plugins.k6cloud.api.ResultStatus;
import io.jenkins.plugins.k6cloud.api.RunStatus;
import io.jenkins.plugins.k6cloud.api.Threshold;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import java.time.Duration;
import java.util.List;

/** Run outcomes as the engine reports them, for tests of what the glue makes of them. */
public final class Outcomes {
    private Outcomes() {}

    /** {@code o} as a run of load test {@code testId}. */
    public static RunOutcome ofTest(RunOutcome o, long testId) {
        return new RunOutcome(
                o.verdict(),
                o.buildResult(),
                o.message(),
                testId,
                o.runId(),
                o.webUrl(),
                o.runStatus(),
                o.runStatusCode(),
                o.processingStatus(),
                o.resultStatus(),
                o.followedFor(),
                o.vus(),
                o.thresholds());
    }

    public static RunOutcome passed(long runId) {
        return new RunOutcome(
                Verdict.PASSED,
                BuildResult.SUCCESS,
                "k6 Cloud run " + runId + " passed",
                42L,
                runId,
                "https://app.k6.io/runs/" + runId,
                RunStatus.FINISHED,
                3,
                ProcessingStatus.FINISHED,
                ResultStatus.PASSED,
                Duration.ofSeconds(754),
                50,
                List.of(
                        new Threshold("http_req_duration", "p(95)", 312.456, false),
                        new Threshold("http_req_failed", "rate", 0.001234, false)));
    }

    public static RunOutcome thresholdsFailed(long runId) {
        return new RunOutcome(
                Verdict.THRESHOLDS_FAILED,
                BuildResult.UNSTABLE,
                "k6 Cloud run " + runId + " finished and its thresholds failed",
                42L,
                runId,
                "https://app.k6.io/runs/" + runId,
                RunStatus.FINISHED,
                3,
                ProcessingStatus.FINISHED,
                ResultStatus.FAILED,
                Duration.ofSeconds(60),
                10,
                List.of(new Threshold("checks", "rate", 0.5, true)));
    }

    public static RunOutcome stoppedInTheWebApp(long runId) {
        return new RunOutcome(
                Verdict.ABORTED_IN_K6,
                BuildResult.ABORTED,
                "k6 Cloud run " + runId + " was stopped in the k6 web app",
                42L,
                runId,
                "https://app.k6.io/runs/" + runId,
                RunStatus.ABORTED_BY_USER,
                5,
                ProcessingStatus.FINISHED,
                ResultStatus.PASSED,
                Duration.ofSeconds(30),
                10,
                List.of());
    }

    public static RunOutcome noRun() {
        return new RunOutcome(
                Verdict.RUN_FAILED,
                BuildResult.FAILURE,
                "load test 42 could not be started",
                42L,
                null,
                null,
                RunStatus.UNKNOWN,
                null,
                ProcessingStatus.UNKNOWN,
                ResultStatus.UNKNOWN,
                Duration.ofMillis(300),
                null,
                List.of());
    }
}
