package io.jenkins.plugins.k6cloud.faults;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * The fault matrix: every row ({@link #rows}) played against the k6 Cloud simulator, each
 * reported by name with what went wrong. After the last row, one summary line goes to standard
 * output and to {@code target/fault-matrix-summary.txt}; the class fails when a target is missed.
 */
@RunWith(Parameterized.class)
public class FaultMatrixTest {
    /** The real time one row may take (slow-answer rows wait a few hundred milliseconds for real). */
    static final long REAL_BOUND_SECONDS = 30;

    static final Path SUMMARY = Path.of("target", "fault-matrix-summary.txt");
    /** {@code -Dk6cloud.faults.verbose=true} lists every row's verdict and message before the summary. */
    static final boolean VERBOSE = Boolean.getBoolean("k6cloud.faults.verbose");

    private static final MatrixTally TALLY = new MatrixTally();

    @Parameter
    public FaultScenario row;

    /** Every row of the fault matrix, by category. */
    @Parameters(name = "{0}")
    public static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        for (List<FaultScenario> category : List.of(
                ApiFaultRows.rows(),
                CancelRows.rows(),
                ResumeRows.rows(),
                BadInputRows.rows(),
                MetricsReadRows.rows(),
                UploadRows.rows())) {
            category.forEach(s -> rows.add(new Object[] {s}));
        }
        return rows;
    }

    @Test
    public void play() throws InterruptedException {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "k6-faults-row");
            t.setDaemon(true);
            return t;
        });
        RowReport report;
        Future<RowReport> played = thread.submit(() -> RowJudge.judge(row));
        try {
            report = played.get(REAL_BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            played.cancel(true);
            report = new RowReport(
                    row.toString(),
                    "no outcome",
                    false,
                    0,
                    0,
                    0,
                    List.of("did not end within " + REAL_BOUND_SECONDS + " s of real time"));
        } catch (ExecutionException e) {
            report = new RowReport(row.toString(), "no outcome", false, 0, 0, 0, List.of("failed: " + e.getCause()));
        } finally {
            thread.shutdownNow();
        }
        TALLY.add(report);
        if (!report.passed()) {
            fail(row + ": " + String.join("; ", report.problems()));
        }
    }

    @AfterClass
    public static void summary() throws IOException {
        String line = TALLY.summary();
        if (VERBOSE) {
            TALLY.all().forEach(r -> System.out.println("  " + r.name() + " -> " + r.outcome()));
        }
        for (RowReport r : TALLY.failed()) {
            System.out.println("  FAILED " + r.name() + ": " + String.join("; ", r.problems()));
        }
        System.out.println(line);
        Files.createDirectories(SUMMARY.getParent());
        Files.writeString(SUMMARY, line + System.lineSeparator(), StandardCharsets.UTF_8);
        assertTrue(line, TALLY.targetsMet());
    }
}
