package io.jenkins.plugins.k6cloud.engine;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link Scheduler} on a fixed number of named daemon threads ({@code PREFIX-1}, {@code PREFIX-2},
 * ...), all started up front so that the thread count never changes while runs come and go.
 * The engine's HTTP calls run on these threads.
 */
public final class ThreadPoolScheduler implements Scheduler {
    private static final Logger LOGGER = Logger.getLogger(ThreadPoolScheduler.class.getName());
    /** How long {@link #close()} waits for a step that is in the middle of an HTTP call. */
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final String threadNamePrefix;
    private final ScheduledThreadPoolExecutor executor;

    public ThreadPoolScheduler(String threadNamePrefix, int threads) {
        if (threadNamePrefix == null || threadNamePrefix.isBlank()) {
            throw new IllegalArgumentException("Give the engine threads a name prefix, e.g. k6-cloud-engine");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("The engine needs at least 1 thread, not " + threads);
        }
        this.threadNamePrefix = threadNamePrefix;
        this.executor = new ScheduledThreadPoolExecutor(threads, namedDaemonThreads(threadNamePrefix));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.prestartAllCoreThreads();
    }

    public String threadNamePrefix() {
        return threadNamePrefix;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        ScheduledFuture<?> f = executor.schedule(logged(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOGGER.warning(() -> "Threads " + threadNamePrefix + "-* did not stop within "
                        + CLOSE_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Runnable logged(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // a scheduled future would swallow it silently
                LOGGER.log(Level.WARNING, "An engine step failed", e);
                throw e;
            }
        };
    }

    private static ThreadFactory namedDaemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
