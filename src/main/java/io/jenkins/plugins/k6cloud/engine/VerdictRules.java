package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.ProcessingStatus;
import io.jenkins.plugins.k6cloud.api.ResultStatus;
import io.jenkins.plugins.k6cloud.api.RunStatus;
import io.jenkins.plugins.k6cloud.api.TestRun;
import java.time.Duration;
import java.util.List;

/**
 * The one table that turns what k6 Cloud said about a run (or what stopped us following it) into a verdict and
 * the line that explains it (the README's verdict table: change both). {@code result_status} is 0 for most aborted
 * runs, so it is only read together with {@code run_status}:
 *
 * <pre>
 * run_status                  result_status   processing   verdict
 * FINISHED (3)                PASSED          FINISHED     PASSED
 * FINISHED (3)                PASSED          ERROR/other  UNTRUSTED
 * FINISHED (3)                FAILED          any          THRESHOLDS_FAILED
 * FINISHED (3)                missing         any          RUN_FAILED
 * ABORTED_BY_THRESHOLD (8)    any             any          THRESHOLDS_FAILED
 * ABORTED_BY_USER (5)         any             any          ABORTED_IN_K6 (CANCELLED when we sent the stop)
 * 4, 6, 7, 9                  any             any          RUN_FAILED, quoting error_code/error_detail
 * ARCHIVED (10) or unknown    any             any          RUN_FAILED, naming the code
 * the start refused: 401, 403, 404, a redirect or          CONFIGURATION_ERROR (no run was created)
 *   an answer that is not the k6 Cloud API
 * the start refused otherwise (e.g. 400)                   RUN_FAILED (no run was created)
 * our timeout                                              TIMED_OUT (after stopping the run and waiting,
 *                                                            bounded, until it ended)
 * k6 Cloud unreachable past the budget, or an API error     UNREACHABLE (after trying to stop the run)
 * the build was aborted                                    CANCELLED (after stopping the run)
 * PASSED, and maxRegression set: p95, failure rate or a    REGRESSED (after the metrics read; a read
 *   threshold's value worse beyond the limit against the    that fails leaves PASSED)
 *   last earlier build whose run of the test passed
 * </pre>
 */
public final class VerdictRules {

    private VerdictRules() {}

    public record Judgement(Verdict verdict, String message) {
        public Judgement withNote(String note) {
            return new Judgement(verdict, message + " " + note);
        }
    }

    /** Judges a run that has ended; {@code stoppedByUs}: this build asked k6 Cloud to stop it. */
    public static Judgement judge(TestRun run, boolean stoppedByUs, String url) {
        String name = "k6 Cloud run " + run.id();
        RunStatus status = run.runStatus();
        return switch (status) {
            case FINISHED -> judgeFinished(run, name, url);
            case ABORTED_BY_THRESHOLD ->
                new Judgement(
                        Verdict.THRESHOLDS_FAILED,
                        name + " was aborted by a threshold: thresholds were crossed. See " + url);
            case ABORTED_BY_USER ->
                stoppedByUs
                        ? new Judgement(Verdict.CANCELLED, name + " was stopped at the request of this build.")
                        : new Judgement(
                                Verdict.ABORTED_IN_K6,
                                name + " was stopped in the k6 web app (Aborted (by user)), not by this build. See "
                                        + url);
            case TIMED_OUT, ABORTED_BY_SYSTEM, ABORTED_BY_SCRIPT_ERROR, ABORTED_BY_LIMIT ->
                new Judgement(Verdict.RUN_FAILED, name + " ended as " + status.label() + errorOf(run) + ". See " + url);
            case ARCHIVED ->
                new Judgement(
                        Verdict.RUN_FAILED,
                        name + " ended as Archived (run_status 10): it has no test result. See " + url);
            default ->
                new Judgement(
                        Verdict.RUN_FAILED,
                        name + " ended with run_status " + run.runStatusCode()
                                + ", which this plugin does not know; it is treated as failed. See " + url);
        };
    }

    private static Judgement judgeFinished(TestRun run, String name, String url) {
        ResultStatus result = run.resultStatus();
        ProcessingStatus processing = run.processingStatus();
        if (result == ResultStatus.FAILED) {
            return new Judgement(Verdict.THRESHOLDS_FAILED, name + " finished and its thresholds failed. See " + url);
        }
        if (result != ResultStatus.PASSED) {
            return new Judgement(
                    Verdict.RUN_FAILED,
                    name + " finished without a result (result_status " + run.resultStatusCode() + "). See " + url);
        }
        if (processing == ProcessingStatus.FINISHED) {
            return new Judgement(Verdict.PASSED, name + " finished and passed.");
        }
        if (processing == ProcessingStatus.ERROR) {
            return new Judgement(
                    Verdict.UNTRUSTED,
                    name + " finished and passed, but k6 Cloud could not process"
                            + " its metrics (processing_status Error), so the result cannot be trusted. See " + url);
        }
        return new Judgement(
                Verdict.UNTRUSTED,
                name + " finished and passed, but k6 Cloud had not finished"
                        + " processing its metrics (processing_status " + processing.label()
                        + "), so the result may still change. See " + url);
    }

    /** Our timeout passed; the engine adds how the run ended after the stop, so the link comes first. */
    public static Judgement timedOut(long runId, Duration timeout, String lastStatus, String url) {
        return new Judgement(
                Verdict.TIMED_OUT,
                "k6 Cloud run " + runId + " (" + url + ") was still " + lastStatus + " after the "
                        + DurationFormat.format(timeout) + " timeout of this build, so the build stopped it."
                        + " Raise the timeout if the test needs longer.");
    }

    public static Judgement startTimedOut(long runId, Duration startTimeout, String lastStatus, String url) {
        return new Judgement(
                Verdict.TIMED_OUT,
                "k6 Cloud run " + runId + " (" + url + ") was still " + lastStatus
                        + " and had not started running " + DurationFormat.format(startTimeout)
                        + " after it was started, so the build stopped it.");
    }

    public static Judgement unreachable(long runId, String streak, K6CloudException last, String url) {
        return new Judgement(
                Verdict.UNREACHABLE,
                "Could not follow k6 Cloud run " + runId + ": " + streak + ", the last error was: " + last.getMessage()
                        + " See " + url);
    }

    /** k6 Cloud answered an error that trying again will not fix (auth, not found, protocol). */
    public static Judgement apiError(long runId, K6CloudException e, String url) {
        return new Judgement(
                Verdict.UNREACHABLE, "Could not follow k6 Cloud run " + runId + ": " + e.getMessage() + " See " + url);
    }

    /** The start failed: no run was created; a setting to fix (token, stack, test id, API URL) is a configuration error. */
    public static Judgement startFailed(long testId, K6CloudException e) {
        Verdict v = e.isTransient()
                ? Verdict.UNREACHABLE
                : e.isConfigurationError() ? Verdict.CONFIGURATION_ERROR : Verdict.RUN_FAILED;
        return new Judgement(v, "Could not start a run of k6 Cloud load test " + testId + ": " + e.getMessage());
    }

    /** The start answered with a run another watch follows: stopping it would stop another build's test. */
    public static Judgement runOfAnotherBuild(long testId, long runId, String url, boolean cancelled) {
        String what = "k6 Cloud answered the start of load test " + testId + " with run " + runId
                + ", which another build of this Jenkins follows already, so this build neither follows"
                + " nor stops it. Check the runs of the load test in the k6 web app: " + url;
        return cancelled
                ? cancelled("no run of this build is known. " + what)
                : new Judgement(Verdict.UNREACHABLE, what);
    }

    public static Judgement cancelled(String detail) {
        return new Judgement(Verdict.CANCELLED, "The build was aborted: " + detail);
    }

    /** The gate found figures worse than {@code against} ("build #12"), e.g. "p95 312 ms -> 401 ms (+28.5 %, ...)". */
    public static Judgement regressed(long runId, String against, List<String> regressions) {
        return new Judgement(
                Verdict.REGRESSED,
                "k6 Cloud run " + runId + " passed its thresholds, but got worse than " + against
                        + " beyond maxRegression: " + String.join("; ", regressions) + ".");
    }

    public static Judgement started(long runId, String url) {
        return new Judgement(
                Verdict.STARTED, "k6 Cloud run " + runId + " was started and is not followed (wait: false): " + url);
    }

    /** " (error 1004: ReferenceError ...)", or "" when k6 Cloud gave neither. */
    private static String errorOf(TestRun run) {
        String detail = run.errorDetail() == null || run.errorDetail().isBlank()
                ? null
                : run.errorDetail().strip();
        if (run.errorCode() == null && detail == null) {
            return "";
        }
        String code = run.errorCode() == null ? "" : "error " + run.errorCode();
        return " (" + code + (detail == null ? "" : (code.isEmpty() ? "" : ": ") + detail) + ")";
    }
}
