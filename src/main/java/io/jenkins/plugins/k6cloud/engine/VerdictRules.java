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
 * The one table that turns what k6 Cloud said about a run (or what stopped us following it) into
 * a {@link Judgement}: a {@link Verdict} and the line that explains it. {@code result_status} is 0 for most aborted runs, so it is only read together
 * with {@code run_status}:
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

    /**
     * A verdict and the one line that explains it.
     *
     * @param verdict what became of the run
     * @param message what happened and, on failure, what to look at
     */
    public record Judgement(Verdict verdict, String message) {

        /** The same verdict with one more sentence. */
        public Judgement withNote(String note) {
            return new Judgement(verdict, message + " " + note);
        }
    }

    /**
     * Judges a run that has ended.
     *
     * @param stoppedByUs whether this build asked k6 Cloud to stop the run
     * @param url the run's page, quoted in failure messages
     */
    public static Judgement judge(TestRun run, boolean stoppedByUs, String url) {
        String name = "k6 Cloud run " + run.id();
        RunStatus status = run.runStatus();
        switch (status) {
            case FINISHED:
                return judgeFinished(run, name, url);
            case ABORTED_BY_THRESHOLD:
                return new Judgement(
                        Verdict.THRESHOLDS_FAILED,
                        name + " was aborted by a threshold: thresholds were crossed. See " + url);
            case ABORTED_BY_USER:
                if (stoppedByUs) {
                    return new Judgement(Verdict.CANCELLED, name + " was stopped at the request of this build.");
                }
                return new Judgement(
                        Verdict.ABORTED_IN_K6,
                        name + " was stopped in the k6 web app (Aborted (by user)), not by this build. See " + url);
            case TIMED_OUT:
            case ABORTED_BY_SYSTEM:
            case ABORTED_BY_SCRIPT_ERROR:
            case ABORTED_BY_LIMIT:
                return new Judgement(
                        Verdict.RUN_FAILED, name + " ended as " + status.label() + errorOf(run) + ". See " + url);
            case ARCHIVED:
                return new Judgement(
                        Verdict.RUN_FAILED,
                        name + " ended as Archived (run_status 10): it has no test result. See " + url);
            default:
                return new Judgement(
                        Verdict.RUN_FAILED,
                        name + " ended with run_status " + run.runStatusCode()
                                + ", which this plugin does not know; it is treated as failed. See " + url);
        }
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

    /**
     * Our overall timeout passed while the run was still going. The engine adds how the run ended
     * after the stop (or that it had not ended within the cancel wait), so the link comes first.
     */
    public static Judgement timedOut(long runId, Duration timeout, String lastStatus, String url) {
        return new Judgement(
                Verdict.TIMED_OUT,
                "k6 Cloud run " + runId + " (" + url + ") was still " + lastStatus + " after the "
                        + DurationFormat.format(timeout) + " timeout of this build, so the build stopped it."
                        + " Raise the timeout if the test needs longer.");
    }

    /** The run did not start running within the start timeout (see {@link #timedOut}). */
    public static Judgement startTimedOut(long runId, Duration startTimeout, String lastStatus, String url) {
        return new Judgement(
                Verdict.TIMED_OUT,
                "k6 Cloud run " + runId + " (" + url + ") was still " + lastStatus
                        + " and had not started running " + DurationFormat.format(startTimeout)
                        + " after it was started, so the build stopped it.");
    }

    /** k6 Cloud kept failing past the error budget. */
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

    /**
     * The start request failed: no run was created. A refusal that shows a setting to fix (the
     * token, the stack id, the load test id, the API URL) is a {@link Verdict#CONFIGURATION_ERROR}.
     */
    public static Judgement startFailed(long testId, K6CloudException e) {
        Verdict v;
        if (e.isTransient()) {
            v = Verdict.UNREACHABLE;
        } else {
            v = e.isConfigurationError() ? Verdict.CONFIGURATION_ERROR : Verdict.RUN_FAILED;
        }
        return new Judgement(v, "Could not start a run of k6 Cloud load test " + testId + ": " + e.getMessage());
    }

    /**
     * The start answered with a run another watch of this engine follows already: a fault on k6
     * Cloud's side (or of a client adopting a run) that this build must not act on, since stopping
     * that run would stop another build's test. {@code cancelled}: the build was aborted meanwhile.
     */
    public static Judgement runOfAnotherBuild(long testId, long runId, String url, boolean cancelled) {
        String what = "k6 Cloud answered the start of load test " + testId + " with run " + runId
                + ", which another build of this Jenkins follows already, so this build neither follows"
                + " nor stops it. Check the runs of the load test in the k6 web app: " + url;
        return cancelled
                ? cancelled("no run of this build is known. " + what)
                : new Judgement(Verdict.UNREACHABLE, what);
    }

    /** The build was aborted; {@code detail} says what became of the run. */
    public static Judgement cancelled(String detail) {
        return new Judgement(Verdict.CANCELLED, "The build was aborted: " + detail);
    }

    /**
     * The run passed, but the regression gate found figures that got worse beyond the limit.
     *
     * @param against the build compared with, e.g. {@code build #12}
     * @param regressions one text per figure, e.g. {@code p95 312 ms -> 401 ms (+28.5 %, limit 10 %)}
     */
    public static Judgement regressed(long runId, String against, List<String> regressions) {
        return new Judgement(
                Verdict.REGRESSED,
                "k6 Cloud run " + runId + " passed its thresholds, but got worse than " + against
                        + " beyond maxRegression: " + String.join("; ", regressions) + ".");
    }

    /** The run was started and, as asked, not followed. */
    public static Judgement started(long runId, String url) {
        return new Judgement(
                Verdict.STARTED, "k6 Cloud run " + runId + " was started and is not followed (wait: false): " + url);
    }

    private static String errorOf(TestRun run) {
        if (run.errorCode() == null
                && (run.errorDetail() == null || run.errorDetail().isBlank())) {
            return "";
        }
        StringBuilder b = new StringBuilder(" (");
        if (run.errorCode() != null) {
            b.append("error ").append(run.errorCode());
        }
        if (run.errorDetail() != null && !run.errorDetail().isBlank()) {
            b.append(run.errorCode() != null ? ": " : "")
                    .append(run.errorDetail().strip());
        }
        return b.append(')').toString();
    }
}
