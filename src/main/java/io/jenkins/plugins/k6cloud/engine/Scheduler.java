package io.jenkins.plugins.k6cloud.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs the engine's ticks later, on a few shared threads: any number of runs, no thread per run. */
public interface Scheduler extends AutoCloseable {
    /** Throws {@link java.util.concurrent.RejectedExecutionException} after {@link #close()}. */
    Future<?> schedule(Runnable task, long delayMillis);

    @Override
    void close();

    /** Named daemon threads ({@code PREFIX-1}, ...), all started up front. */
    final class ThreadPoolScheduler implements Scheduler {
        private static final Logger LOGGER = Logger.getLogger(ThreadPoolScheduler.class.getName());
        private static final long CLOSE_WAIT_SECONDS = 10;

        private final String threadNamePrefix;
        private final ScheduledThreadPoolExecutor executor;
        private final List<Thread> threads = new CopyOnWriteArrayList<>();

        public ThreadPoolScheduler(String threadNamePrefix, int threads) {
            if (threadNamePrefix == null || threadNamePrefix.isBlank()) {
                throw new IllegalArgumentException("Give the engine threads a name prefix, e.g. k6-cloud-engine");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("The engine needs at least 1 thread, not " + threads);
            }
            this.threadNamePrefix = threadNamePrefix;
            this.executor = new ScheduledThreadPoolExecutor(threads, this::newThread);
            executor.setRemoveOnCancelPolicy(true);
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            executor.prestartAllCoreThreads();
        }

        @Override
        public Future<?> schedule(Runnable task, long delayMillis) {
            return executor.schedule(logged(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            executor.shutdownNow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
            try {
                executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
                for (Thread t : threads) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (t != Thread.currentThread() && left > 0) {
                        t.join(left);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (threads.stream().anyMatch(t -> t.isAlive() && t != Thread.currentThread())) {
                LOGGER.warning(
                        () -> "Threads " + threadNamePrefix + "-* did not stop within " + CLOSE_WAIT_SECONDS + " s");
            }
        }

        private static Runnable logged(Runnable task) {
            return () -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    // a scheduled future would swallow it silently
                    LOGGER.log(Level.WARNING, "An engine tick failed", e);
                    throw e;
                }
            };
        }

        private Thread newThread(Runnable r) {
            Thread t = new Thread(r, threadNamePrefix + "-" + (threads.size() + 1));
            t.setDaemon(true);
            threads.add(t);
            return t;
        }
    }
}
