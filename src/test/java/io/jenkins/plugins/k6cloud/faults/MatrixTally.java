package io.jenkins.plugins.k6cloud.faults;

import java.util.ArrayList;
import java.util.List;

/** The running totals of the fault matrix and its one summary line. */
final class MatrixTally {
    private final List<RowReport> reports = new ArrayList<>();

    synchronized void add(RowReport r) {
        reports.add(r);
    }

    synchronized int scenarios() {
        return reports.size();
    }

    synchronized int correct() {
        return (int) reports.stream().filter(RowReport::correctVerdict).count();
    }

    synchronized int orphans() {
        return reports.stream().mapToInt(RowReport::orphans).sum();
    }

    synchronized int duplicates() {
        return reports.stream().mapToInt(RowReport::duplicates).sum();
    }

    synchronized int leaks() {
        return reports.stream().mapToInt(RowReport::leaks).sum();
    }

    synchronized List<RowReport> all() {
        return new ArrayList<>(reports);
    }

    synchronized List<RowReport> failed() {
        List<RowReport> out = new ArrayList<>();
        reports.stream().filter(r -> !r.passed()).forEach(out::add);
        return out;
    }

    /** Every target met: each verdict right, no run left going, none started twice, no token shown. */
    synchronized boolean targetsMet() {
        return !reports.isEmpty() && correct() == scenarios() && orphans() == 0 && duplicates() == 0 && leaks() == 0;
    }

    /** {@code fault-matrix: 64 scenarios, 64 correct verdicts, 0 orphaned runs, 0 duplicate starts, 0 token leaks} */
    synchronized String summary() {
        return "fault-matrix: " + scenarios() + " scenarios, " + correct() + " correct verdicts, " + orphans()
                + " orphaned runs, " + duplicates() + " duplicate starts, " + leaks() + " token leaks";
    }
}
