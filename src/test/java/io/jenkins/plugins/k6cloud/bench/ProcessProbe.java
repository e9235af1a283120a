package io.jenkins.plugins.k6cloud.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

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
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** CPU time of the process in nanoseconds, or -1 when the JVM cannot tell. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }

    /** CPU time of the live threads whose name starts with {@code prefix}, in nanoseconds. */
    static long threadCpuNanos(String prefix) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                long cpu = THREADS.getThreadCpuTime(t.getId());
                sum += Math.max(0, cpu);
            }
        }
        return sum;
    }

    static long currentThreadCpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    static int liveThreads(String prefix) {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix) && t.isAlive()) {
                n++;
            }
        }
        return n;
    }
}
