package io.jenkins.plugins.k6cloud.bench;

/**
 * What one design cost to watch one batch of runs.
 *
 * @param pollingThreads the most threads that polled k6 Cloud at once
 * @param peakThreads the most live threads in the JVM (simulator and HTTP threads included)
 * @param heapMb heap used after GC while every run was in flight, less the same before the batch
 * @param rssMb resident memory of the process at that moment, less the same before the batch
 * @param requestsPerRun HTTP requests the simulator served, per run
 * @param minimumRequestsPerRun start + one read per interval over the run's life + the thresholds read
 * @param p50Millis median time from the run's last transition (processing over) to its verdict
 * @param p99Millis 99th percentile of the same
 * @param processCpuSeconds CPU time of the whole process (simulator included)
 * @param watcherCpuSeconds CPU time of the polling threads
 * @param verdicts runs judged
 * @param failures runs that ended in anything but PASSED, or not at all
 */
record Measurement(
        double pollingThreads,
        double peakThreads,
        double heapMb,
        double rssMb,
        double requestsPerRun,
        double minimumRequestsPerRun,
        double p50Millis,
        double p99Millis,
        double processCpuSeconds,
        double watcherCpuSeconds,
        int verdicts,
        int failures) {}
