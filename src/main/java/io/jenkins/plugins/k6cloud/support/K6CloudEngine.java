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
 * The controller's one {@link RunEngine}, shared by every build step and Pipeline step, and the threads the
 * steps prepare on ({@link #preparations()}: an upload holds its thread for minutes, too long for one of the
 * ten threads of Jenkins' shared {@code jenkins.util.Timer}). Static like {@code Timer}: infrastructure that
 * holds no build's data, made on first use. At shutdown {@link BeforeShutdown} ({@code
 * ItemListener.onBeforeShutdown}, before any {@code @Terminator}, so before the Pipelines are suspended) stops
 * the freestyle runs in k6 Cloud (they cannot resume), closes the engine (Pipeline runs go on and are resumed
 * from their saved state) and interrupts the preparations (a step interrupted so prepares again after the
 * restart); {@link #shutdown()} is the safety net. {@link #open()} lets a restart in the same JVM (Jenkins'
 * own tests) make a fresh engine.
 */
public final class K6CloudEngine {
    static final String THREAD_NAME_PREFIX = "k6-cloud-engine";
    static final int THREADS = 4;

    static final String PREPARATION_THREAD_PREFIX = "k6-cloud-preparation";
    /** Steps preparing at once; several, so that a step without a script does not wait behind long uploads. */
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

    /** @throws IllegalStateException after Jenkins has begun to shut down */
    public static Scheduler preparations() {
        return LIFECYCLE.preparations();
    }

    /** Completes once {@code engine} is closed (at once when it is, or is not this controller's), so a wait ends. */
    public static CompletableFuture<Void> whenClosed(RunEngine engine) {
        return LIFECYCLE.whenClosed(engine);
    }

    /** Jenkins is starting (again, in the same JVM in tests). */
    @Initializer(after = InitMilestone.PLUGINS_STARTED)
    public static void open() {
        LIFECYCLE.open();
    }

    /** A no-op when {@link BeforeShutdown} closed the engine already. */
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

    /** The engine's lines in a build's console (Jenkins' {@code UrlAnnotator} makes the run's URL a link). */
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

    /** Makes the engine on first use, and none once shut down, until opened again. */
    static final class Lifecycle {
        private final Supplier<RunEngine> factory;
        private RunEngine engine;
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

        synchronized void open() {
            shutDown = false;
        }

        /** Stops the runs that cannot resume (bounded), closes the engine, tells the waits, interrupts the preparations. */
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
