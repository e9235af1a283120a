package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.ProcessingStatus;
import io.jenkins.plugins.k6cloud.api.RunStatus;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The wording of the console lines the engine writes while it follows a run. */
public final class ConsoleText {
    private ConsoleText() {}

    /** {@code [mm:ss]}, or {@code [h:mm:ss]} from one hour on. */
    static String elapsed(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s >= 3600) {
            return String.format(Locale.ROOT, "[%d:%02d:%02d]", s / 3600, (s % 3600) / 60, s % 60);
        }
        return String.format(Locale.ROOT, "[%02d:%02d]", s / 60, s % 60);
    }

    /** E.g. "Running" or "Finished, processing metrics". */
    public static String statusText(TestRun run) {
        RunStatus status = run.runStatus();
        if (status == RunStatus.UNKNOWN) {
            return run.statusText() != null
                    ? "unknown status '" + run.statusText() + "'"
                    : "unknown run_status " + run.runStatusCode();
        }
        if (status.isTerminal() && !run.processingStatus().isDone()) {
            return status.label() + ", processing metrics";
        }
        if (status.isTerminal() && run.processingStatus() == ProcessingStatus.ERROR) {
            return status.label() + ", metrics processing failed";
        }
        return status.label();
    }

    static String started(long testId, long runId, String url) {
        return "k6 Cloud run " + runId + " started for load test " + testId + ": " + url;
    }

    static String resumed(long runId, String url) {
        return "Following k6 Cloud run " + runId + " again after a restart: " + url;
    }

    static String status(long elapsedMillis, long runId, String statusText) {
        return elapsed(elapsedMillis) + " k6 Cloud run " + runId + ": " + statusText;
    }

    /** The one warning about a status this plugin does not know, in the API's own words when it has them. */
    static String unknownStatus(TestRun run) {
        return "k6 Cloud run " + run.id() + " reports "
                + (run.statusText() == null ? "run_status " + run.runStatusCode() : "status '" + run.statusText() + "'")
                + ", which this plugin does not know; following it until it ends";
    }

    static String apiTrouble(long elapsedMillis, String message, long retryInMillis) {
        return elapsed(elapsedMillis) + " k6 Cloud did not answer as expected (" + message + "); trying again in "
                + DurationFormat.untilNext(retryInMillis);
    }

    static String apiBack(long elapsedMillis, int failures) {
        return elapsed(elapsedMillis) + " k6 Cloud answers again after " + failures + " failed call"
                + (failures == 1 ? "" : "s");
    }

    static String stopSent(long elapsedMillis, long runId, String why) {
        return elapsed(elapsedMillis) + " Asked k6 Cloud to stop run " + runId + " (" + why + ")";
    }

    public static List<String> summary(RunOutcome o) {
        List<String> lines = new ArrayList<>();
        lines.add(verdict(o));
        StringBuilder facts = new StringBuilder("  followed for ").append(clock(o.followedFor()));
        if (o.runId() != null && o.runStatusCode() != null) {
            facts.append(", run_status ")
                    .append(
                            o.runStatus() == RunStatus.UNKNOWN
                                    ? String.valueOf(o.runStatusCode())
                                    : o.runStatus().label());
            if (o.runStatus() == RunStatus.FINISHED || o.runStatus() == RunStatus.ABORTED_BY_THRESHOLD) {
                facts.append(", result ").append(o.resultStatus().label()); // 0 means nothing for aborted runs
            }
        }
        if (o.vus() != null) {
            facts.append(", ").append(o.vus()).append(" VUs");
        }
        lines.add(facts.toString());
        if (!o.thresholds().isEmpty()) {
            long failed = o.thresholds().stream().filter(t -> !t.passed()).count();
            lines.add("  thresholds: " + o.thresholds().size() + ", " + failed + " failed");
            for (Threshold t : o.thresholds()) {
                lines.add("    " + (t.passed() ? "pass " : "FAIL ") + t.name()
                        + (t.stat() == null || t.name().contains(t.stat()) ? "" : " [" + t.stat() + "]")
                        + ": " + (t.value() == null ? "no value" : number(t.value())));
            }
        }
        if (o.buildResult() != BuildResult.SUCCESS && o.webUrl() != null) {
            lines.add("  Look at the run in the k6 web app: " + o.webUrl());
        }
        return lines;
    }

    public static String verdict(RunOutcome o) {
        return "k6 Cloud verdict: " + o.verdict() + " (build result " + o.buildResult() + ") - " + o.message();
    }

    static String clock(Duration d) {
        String e = elapsed(d.toMillis());
        return e.substring(1, e.length() - 1);
    }

    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        if (Double.compare(v, Math.rint(v)) == 0 && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return new java.math.BigDecimal(v)
                .round(new java.math.MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** Which polls are worth a line: a change, an unknown code (once), "still ..." every minute without one. */
    static final class StatusLines {
        static final long STILL_GOING_EVERY_MILLIS = 60_000;

        private String shown;
        private long lastLineAt;
        private boolean unknownWarned;

        void shownBefore(TestRun run, long now) {
            shown = run == null ? null : ConsoleText.statusText(run);
            lastLineAt = now;
        }

        String shown() {
            return shown == null ? "Created" : shown;
        }

        List<String> observe(TestRun run, long now, long elapsedMillis) {
            List<String> lines = new ArrayList<>(2);
            if (run.runStatus() == RunStatus.UNKNOWN && !unknownWarned) {
                unknownWarned = true;
                lines.add(ConsoleText.unknownStatus(run));
            }
            String text = ConsoleText.statusText(run);
            if (!text.equals(shown)) {
                shown = text;
                lastLineAt = now;
                lines.add(ConsoleText.status(elapsedMillis, run.id(), text));
            } else if (now - lastLineAt >= STILL_GOING_EVERY_MILLIS) {
                lastLineAt = now;
                lines.add(ConsoleText.status(elapsedMillis, run.id(), "still " + text));
            }
            return lines;
        }
    }
}
