package io.jenkins.plugins.k6cloud.simulator;

/**
 * How many request entries the journal keeps. Counts per endpoint and latches work in every mode;
 * entries beyond the limit are forgotten, oldest first (for benchmarks).
 */
public record JournalMode(int retainedEntries) {
    public JournalMode {
        if (retainedEntries < 0) {
            throw new IllegalArgumentException("retainedEntries must be >= 0, not " + retainedEntries);
        }
    }

    /** Keep every entry (tests). */
    public static JournalMode full() {
        return new JournalMode(Integer.MAX_VALUE);
    }

    /** Keep the last {@code n} entries. */
    public static JournalMode bounded(int n) {
        return new JournalMode(n);
    }

    /** Keep no entries, only counts (benchmarks). */
    public static JournalMode countingOnly() {
        return new JournalMode(0);
    }
}
