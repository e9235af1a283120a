package io.jenkins.plugins.k6cloud.faults;

import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.RunRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays one row in a fresh {@link Rig} and checks what every row must satisfy: the verdict and
 * build result, the virtual-time bound, no run left going (after the stop delay has passed), no
 * run started twice, and the token in no console line, state, message, exception or log record.
 */
final class RowJudge {
    private RowJudge() {}

    static RowReport judge(FaultScenario row) {
        List<String> problems = new ArrayList<>();
        try (LogCapture logs = new LogCapture();
                Rig rig = new Rig()) {
            Played played = null;
            try {
                played = row.script().play(rig);
            } catch (Throwable t) { // the row's own failure is reported with the row, not thrown
                problems.add("the scenario failed: " + t);
                rig.said(t);
            }
            long elapsed = rig.virtualElapsedMillis();
            rig.settle();
            boolean correct = played != null && verdictIsRight(row.expected(), played, problems);
            if (elapsed > row.expected().virtualBound().toMillis()) {
                problems.add("took " + elapsed / 1000 + " s of virtual time, more than the bound of "
                        + row.expected().virtualBound().toSeconds() + " s");
            }
            int orphans = orphans(rig, played, problems);
            int duplicates = duplicates(rig, problems);
            problems.addAll(rig.problems);
            int leaks = leaks(rig, played, logs.records(), problems);
            String outcome = played == null ? "no outcome" : played.verdict() + " - " + played.message();
            return new RowReport(
                    row.toString(),
                    outcome.replace(rig.token, "<TOKEN>"),
                    correct,
                    orphans,
                    duplicates,
                    leaks,
                    problems);
        } catch (Exception e) {
            problems.add("the rig failed: " + e);
            return new RowReport(row.toString(), "no outcome", false, 0, 0, 0, problems);
        }
    }

    private static boolean verdictIsRight(Expected expected, Played played, List<String> problems) {
        if (expected.verdict().equals(played.verdict()) && expected.buildResult() == played.buildResult()) {
            return true;
        }
        problems.add("verdict " + played.verdict() + " (build " + played.buildResult() + "), expected "
                + expected.verdict() + " (build " + expected.buildResult() + "); message: " + played.message());
        return false;
    }

    /**
     * Runs not ended once the stop delay has passed. A row whose token was revoked in k6 Cloud may
     * leave its run going (nobody holding that token can stop it), provided the message tells the
     * person to stop it in the web app; that run is not counted.
     */
    private static int orphans(Rig rig, Played played, List<String> problems) {
        List<RunRecord> left = rig.sim.journal().runsLeftRunning();
        if (rig.unstoppableRunExpected()) {
            boolean told = played != null
                    && played.message() != null
                    && played.message().contains("stop it")
                    && played.message().contains(rig.sim.webAppUrl() + "/runs/");
            if (left.size() != 1 || !told) {
                problems.add("the revoked token should leave exactly its run going with a message to stop it by"
                        + " hand; left: " + left + ", message: " + (played == null ? null : played.message()));
                return Math.max(0, left.size() - 1) + (told ? 0 : left.size());
            }
            return 0;
        }
        if (!left.isEmpty()) {
            problems.add("runs left going: " + left);
        }
        return left.size();
    }

    private static int duplicates(Rig rig, List<String> problems) {
        int duplicates = 0;
        for (long testId : rig.testIds) {
            List<RunRecord> runs = rig.sim.journal().runsOf(testId);
            long answered = rig.sim.journal().startsFor(testId).stream()
                    .filter(JournalEntry::answered)
                    .filter(e -> e.status() >= 200 && e.status() <= 299)
                    .count();
            if (runs.size() > 1) {
                duplicates += runs.size() - 1;
                problems.add(runs.size() + " runs of load test " + testId + " were started: " + runs);
            } else if (answered > 1) {
                duplicates += (int) answered - 1;
                problems.add(answered + " start requests of load test " + testId + " were accepted");
            }
        }
        return duplicates;
    }

    private static int leaks(Rig rig, Played played, List<String> logRecords, List<String> problems) {
        List<String> texts = new ArrayList<>();
        texts.addAll(rig.console.lines());
        texts.addAll(rig.console.statesAsText());
        texts.addAll(rig.texts);
        if (played != null) {
            texts.addAll(played.texts());
        }
        texts.addAll(logRecords);
        int leaks = 0;
        for (String t : texts) {
            if (t != null && t.contains(rig.token)) {
                leaks++;
                problems.add("the token shows in: " + t.replace(rig.token, "<TOKEN>"));
            }
        }
        return leaks;
    }

    /** Requests the simulator saw, for rows that must send none (or a known few). */
    static long requests(Rig rig) {
        return rig.sim.journal().totalRequests();
    }

    static long stops(Rig rig) {
        return rig.sim.journal().count(Endpoint.STOP);
    }
}
