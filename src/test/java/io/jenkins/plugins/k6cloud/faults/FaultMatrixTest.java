package io.jenkins.plugins.k6cloud.faults;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * The fault matrix: every row played in a fresh {@link Rig} against the k6 Cloud simulator and judged by what every row
 * must satisfy: the verdict and build result, the virtual-time bound, no run left going (after the stop delay), no run
 * started twice, and the token in no console line, state, message, exception or log record (FINE included).
 */
@RunWith(Parameterized.class)
public class FaultMatrixTest {
    /** The real time one row may take (slow-answer rows wait a few hundred milliseconds for real). */
    static final long REAL_BOUND_SECONDS = 30;

    static final Path SUMMARY = Path.of("target", "fault-matrix-summary.txt");
    /** {@code -Dk6cloud.faults.verbose=true} lists every row's verdict and message before the summary. */
    static final boolean VERBOSE = Boolean.getBoolean("k6cloud.faults.verbose");

    private static final List<Report> REPORTS = new ArrayList<>();

    @Parameter
    public FaultScenario row;

    /** How one row went; {@code outcome} is the verdict and message the plugin gave. */
    record Report(
            String name,
            String outcome,
            boolean correct,
            int orphans,
            int duplicates,
            int leaks,
            List<String> problems) {}

    @Parameters(name = "{0}")
    public static List<Object[]> rows() {
        return Stream.of(
                        ApiFaultRows.rows(),
                        CancelRows.rows(),
                        ResumeRows.rows(),
                        BadInputRows.rows(),
                        MetricsReadRows.rows(),
                        UploadRows.rows())
                .flatMap(List::stream)
                .map(s -> new Object[] {s})
                .toList();
    }

    @Test
    public void play() throws InterruptedException {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "k6-faults-row");
            t.setDaemon(true);
            return t;
        });
        Future<Report> played = thread.submit(() -> judge(row));
        Report report;
        try {
            report = played.get(REAL_BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            played.cancel(true);
            String why = e instanceof java.util.concurrent.TimeoutException
                    ? "did not end within " + REAL_BOUND_SECONDS + " s of real time"
                    : "failed: " + e.getCause();
            report = new Report(row.toString(), "no outcome", false, 0, 0, 0, List.of(why));
        } finally {
            thread.shutdownNow();
        }
        synchronized (REPORTS) {
            REPORTS.add(report);
        }
        if (!report.problems().isEmpty()) {
            fail(row + ": " + String.join("; ", report.problems()));
        }
    }

    @AfterClass
    public static void summary() throws IOException {
        List<Report> all;
        synchronized (REPORTS) {
            all = List.copyOf(REPORTS);
        }
        long correct = all.stream().filter(Report::correct).count();
        int orphans = all.stream().mapToInt(Report::orphans).sum();
        int duplicates = all.stream().mapToInt(Report::duplicates).sum();
        int leaks = all.stream().mapToInt(Report::leaks).sum();
        String line = "fault-matrix: " + all.size() + " scenarios, " + correct + " correct verdicts, " + orphans
                + " orphaned runs, " + duplicates + " duplicate starts, " + leaks + " token leaks";
        for (Report r : all) {
            if (VERBOSE) {
                System.out.println("  " + r.name() + " -> " + r.outcome());
            }
            if (!r.problems().isEmpty()) {
                System.out.println("  FAILED " + r.name() + ": " + String.join("; ", r.problems()));
            }
        }
        System.out.println(line);
        Files.createDirectories(SUMMARY.getParent());
        Files.writeString(SUMMARY, line + System.lineSeparator());
        assertTrue(line, !all.isEmpty() && correct == all.size() && orphans + duplicates + leaks == 0);
    }

    static Report judge(FaultScenario row) {
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
            Expected expected = row.expected();
            boolean correct = played != null
                    && expected.verdict().equals(played.verdict())
                    && expected.buildResult() == played.buildResult();
            if (played != null && !correct) {
                problems.add("verdict " + played.verdict() + " (build " + played.buildResult() + "), expected "
                        + expected.verdict() + " (build " + expected.buildResult() + "); message: "
                        + played.message());
            }
            if (elapsed > expected.virtualBound().toMillis()) {
                problems.add("took " + elapsed / 1000 + " s of virtual time, more than the bound of "
                        + expected.virtualBound().toSeconds() + " s");
            }
            int orphans = orphans(rig, played, problems);
            int duplicates = duplicates(rig, problems);
            problems.addAll(rig.problems);
            int leaks = leaks(rig, played, logs.records(), problems);
            String outcome = played == null ? "no outcome" : played.verdict() + " - " + played.message();
            return new Report(
                    row.toString(),
                    outcome.replace(rig.token, "<TOKEN>"),
                    correct,
                    orphans,
                    duplicates,
                    leaks,
                    problems);
        } catch (Exception e) {
            problems.add("the rig failed: " + e);
            return new Report(row.toString(), "no outcome", false, 0, 0, 0, problems);
        }
    }

    /**
     * Runs not ended once the stop delay has passed. A row whose token was revoked in k6 Cloud may leave its run
     * going (nobody holding that token can stop it) if the message tells the person to stop it in the web app.
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
        List<String> texts = new ArrayList<>(rig.console.lines());
        texts.addAll(rig.console.statesAsText());
        texts.addAll(rig.texts);
        texts.addAll(played == null ? List.of() : played.texts());
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

    /** Every java.util.logging record of the plugin and of OkHttp, at every level, as a log file shows it. */
    private static final class LogCapture extends Handler implements AutoCloseable {
        private final List<Logger> loggers =
                List.of(Logger.getLogger("io.jenkins.plugins.k6cloud"), Logger.getLogger("okhttp3"));
        private final List<Level> levels =
                loggers.stream().map(Logger::getLevel).toList();
        private final List<String> records = new ArrayList<>();
        private final SimpleFormatter formatter = new SimpleFormatter();

        LogCapture() {
            setLevel(Level.ALL);
            loggers.forEach(l -> {
                l.setLevel(Level.ALL);
                l.addHandler(this);
            });
        }

        @Override
        public synchronized void publish(LogRecord record) {
            records.add(formatter.format(record));
        }

        synchronized List<String> records() {
            return new ArrayList<>(records);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            for (int i = 0; i < loggers.size(); i++) {
                loggers.get(i).removeHandler(this);
                loggers.get(i).setLevel(levels.get(i));
            }
        }
    }
}
