package io.jenkins.plugins.k6cloud.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Reads what the JVM and the OS say about this process: threads, heap after GC, resident memory, CPU. */
final class ProcessProbe {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private ProcessProbe() {}

    static void resetPeakThreads() {
        THREADS.resetPeakThreadCount();
    }

    static int peakThreads() {
        return THREADS.getPeakThreadCount();
    }

    /** Heap in use after two full collections, in MB. */
    static double heapAfterGcMb() {
        System.gc();
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /** VmRSS from /proc/self/status in MB, or NaN where there is none. */
    static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // NaN below
        }
        return Double.NaN;
    }

    /** CPU time of the process in nanoseconds, or -1 when the JVM cannot tell. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }

    /** CPU time of the live threads whose name starts with {@code prefix}, in nanoseconds. */
    static long threadCpuNanos(String prefix) {
        return named(prefix)
                .mapToLong(t -> Math.max(0, THREADS.getThreadCpuTime(t.getId())))
                .sum();
    }

    static long currentThreadCpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    static int liveThreads(String prefix) {
        return (int) named(prefix).filter(Thread::isAlive).count();
    }

    private static Stream<Thread> named(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix));
    }
}
