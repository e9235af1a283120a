package io.jenkins.plugins.k6cloud.support;

import hudson.Extension;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import hudson.model.TaskListener;
import hudson.model.listeners.ItemListener;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.engine.RunEvents;
import io.jenkins.plugins.k6cloud.engine.Scheduler;
import io.jenkins.plugins.k6cloud.engine.Scheduler.ThreadPoolScheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The controller's one {@link RunEngine}: every freestyle build step and Pipeline step of this
 * Jenkins shares its named daemon threads. Static state is acceptable here because it is
 * infrastructure, like {@code jenkins.util.Timer}: it holds no build's data (each run's state lives
 * in its step execution and its action), it is created on first use, and it is closed when Jenkins
 * shuts down. Then the freestyle runs (which cannot resume) are stopped in k6 Cloud; Pipeline runs
 * are left going and resumed after the restart from their saved state.
 *
 * <p>Order at shutdown: {@link BeforeShutdown} (an {@link ItemListener#onBeforeShutdown()}, which
 * Jenkins calls before any {@code @Terminator}) stops the freestyle runs and closes the engine while
 * the Pipelines still run, so that no engine thread reports an outcome to a Pipeline that the
 * Pipeline's own terminator is suspending; {@link #shutdown()} (a {@code @Terminator}) does the same
 * and is a no-op when the listener already did it. Each Jenkins instance re-opens the lifecycle when
 * it starts ({@link #open()}), so that a restart in the same JVM (as in Jenkins' own tests) gets a
 * fresh engine.
 *
 * <p>It also owns the threads the Pipeline steps prepare on ({@link #preparations()}): a step's
 * preparation may upload a k6 script, which holds its thread for up to a call timeout per attempt
 * (minutes), so it must not hold one of the ten threads of Jenkins' shared {@code jenkins.util.Timer}
 * (core's {@code Timer.get()}: {@code ErrorLoggingScheduledThreadPoolExecutor(10, ...)}). They are
 * stopped (interrupted) with the engine; a step interrupted so stays pending and prepares again after
 * the restart.
 */
public final class K6CloudEngine {
    static final String THREAD_NAME_PREFIX = "k6-cloud-engine";
    /** Each thread may be held by one HTTP call (up to the run clients' call budget); polls are short. */
    static final int THREADS = 4;

    static final String PREPARATION_THREAD_PREFIX = "k6-cloud-preparation";
    /**
     * Steps preparing at once (credentials, the script's upload); more wait their turn. Several, so that
     * a step without a script (a preparation of milliseconds) is not kept waiting behind a couple of long
     * uploads; made only as steps need them (a scheduled pool starts its threads one task at a time).
     */
    static final int PREPARATION_THREADS = 8;

    static final String SHUTDOWN_REASON = "Jenkins is shutting down";
    /** How long the shutdown waits for k6 Cloud to accept the stops of the freestyle runs. */
    static final Duration SHUTDOWN_CANCEL_BOUND = Duration.ofSeconds(10);

    private static final Lifecycle LIFECYCLE = new Lifecycle(() -> RunEngine.withThreads(THREAD_NAME_PREFIX, THREADS));

    private K6CloudEngine() {}

    /** @throws IllegalStateException after Jenkins has begun to shut down */
    public static RunEngine get() {
        return LIFECYCLE.get();
    }

    /**
     * The threads of the Pipeline steps' preparations, made on first use and stopped with the engine.
     *
     * @throws IllegalStateException after Jenkins has begun to shut down
     */
    public static Scheduler preparations() {
        return LIFECYCLE.preparations();
    }

    /**
     * Completes once {@code engine} is closed (at once when it is closed already, or is not this
     * controller's engine), so that a wait for one of its outcomes ends when Jenkins shuts down.
     */
    public static CompletableFuture<Void> whenClosed(RunEngine engine) {
        return LIFECYCLE.whenClosed(engine);
    }

    /** Jenkins is starting (again, in the same JVM in tests): engines may be made again. */
    @Initializer(after = InitMilestone.PLUGINS_STARTED)
    public static void open() {
        LIFECYCLE.open();
    }

    /** The safety net after {@link BeforeShutdown}; does nothing when the engine is closed already. */
    @Terminator
    public static void shutdown() {
        LIFECYCLE.shutdown();
    }

    /** Closes the engine before the Pipelines are suspended (which a {@code @Terminator} does). */
    @Extension
    public static final class BeforeShutdown extends ItemListener {
        @Override
        public void onBeforeShutdown() {
            shutdown();
        }
    }

    /**
     * Writes what the engine reports to a build's console. The run link is printed as a plain URL,
     * which Jenkins' {@code UrlAnnotator} turns into a link.
     */
    public static class Console implements RunEvents {
        private final TaskListener listener;

        public Console(TaskListener listener) {
            this.listener = listener;
        }

        @Override
        public void onLine(String line) {
            listener.getLogger().println(line);
        }
    }

    /**
     * Creates the engine on first use, and refuses to create another once it was shut down, until
     * it is opened again.
     */
    static final class Lifecycle {
        private final Supplier<RunEngine> factory;
        private RunEngine engine;
        /** Completes when the current engine (or the next one, while there is none) is closed. */
        private CompletableFuture<Void> closed = new CompletableFuture<>();

        private boolean shutDown;
        private Scheduler preparations;

        Lifecycle(Supplier<RunEngine> factory) {
            this.factory = factory;
        }

        synchronized RunEngine get() {
            if (shutDown) {
                throw new IllegalStateException(Messages.K6CloudEngine_ShutDown());
            }
            if (engine == null) {
                engine = factory.get();
            }
            return engine;
        }

        synchronized Scheduler preparations() {
            if (shutDown) {
                throw new IllegalStateException(Messages.K6CloudEngine_ShutDown());
            }
            if (preparations == null) {
                preparations = new ThreadPoolScheduler(PREPARATION_THREAD_PREFIX, PREPARATION_THREADS);
            }
            return preparations;
        }

        synchronized CompletableFuture<Void> whenClosed(RunEngine e) {
            return e != null && e == engine && !e.isClosed() ? closed : CompletableFuture.completedFuture(null);
        }

        /** Allows {@link #get()} again after a {@link #shutdown()}; the next get makes a new engine. */
        synchronized void open() {
            shutDown = false;
        }

        /**
         * Stops the runs that cannot resume (bounded), then closes the engine's threads, and then
         * tells the waits of {@link #whenClosed}; then interrupts the preparations (bounded). Idempotent.
         */
        void shutdown() {
            Scheduler p;
            synchronized (this) {
                shutDown = true;
                p = preparations;
                preparations = null;
                if (engine != null) {
                    try {
                        engine.cancelUnresumable(SHUTDOWN_REASON, SHUTDOWN_CANCEL_BOUND);
                    } finally {
                        engine.close();
                        engine = null;
                        closed.complete(null);
                        closed = new CompletableFuture<>();
                    }
                }
            }
            if (p != null) {
                p.close(); // outside the monitor: an interrupted preparation asks get() whether the engine is open
            }
        }
    }
}
