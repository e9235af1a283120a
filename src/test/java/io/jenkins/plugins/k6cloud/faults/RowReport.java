package io.jenkins.plugins.k6cloud.faults;

import java.util.List;

/**
 * How one row went: whether its verdict was right, the runs it left going, the runs started twice,
 * the texts that showed the token, and everything that went wrong, in words. {@code outcome} is the
 * verdict and message the plugin gave, for a reader of the verbose listing.
 */
record RowReport(
        String name,
        String outcome,
        boolean correctVerdict,
        int orphans,
        int duplicates,
        int leaks,
        List<String> problems) {
    RowReport {
        problems = List.copyOf(problems);
    }

    boolean passed() {
        return problems.isEmpty();
    }
}
