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
 * The controller's one {@link RunEngine} and the threads steps prepare on (an upload holds one for minutes, too
 * long for Jenkins' shared {@code Timer}); static like {@code Timer}, made on first use. {@link BeforeShutdown}
 * ({@code ItemListener.onBeforeShutdown}, before any {@code @Terminator}, so before the Pipelines are suspended)
 * stops the freestyle runs (they cannot resume), closes the engine and interrupts the preparations;
 * {@link #open()} lets a restart in the same JVM (Jenkins' tests) make a fresh engine.
 */
public final class K6CloudEngine {
    static final String THREAD_NAME_PREFIX = "k6-cloud-engine";
    static final int THREADS = 4;

    static final String PREPARATION_THREAD_PREFIX = "k6-cloud-preparation";
    /** Several, so that a step without a script does not wait behind long uploads. */
    static final int PREPARATION_THREADS = 8;

    static final String SHUTDOWN_REASON = "Jenkins is shutting down";
    static final Duration SHUTDOWN_CANCEL_BOUND = Duration.ofSeconds(10);

    private static final Lifecycle LIFECYCLE = new Lifecycle(() -> RunEngine.withThreads(THREAD_NAME_PREFIX, THREADS));

    private K6CloudEngine() {}

    /** @throws IllegalStateException after Jenkins has begun to shut down (also {@link #preparations()}) */
    public static RunEngine get() {
        return LIFECYCLE.get();
    }

    public static Scheduler preparations() {
        return LIFECYCLE.preparations();
    }

    /** At once when {@code engine} is closed, or is not this controller's. */
    public static CompletableFuture<Void> whenClosed(RunEngine engine) {
        return LIFECYCLE.whenClosed(engine);
    }

    @Initializer(after = InitMilestone.PLUGINS_STARTED)
    public static void open() {
        LIFECYCLE.open();
    }

    @Terminator
    public static void shutdown() {
        LIFECYCLE.shutdown();
    }

    @Extension
    public static final class BeforeShutdown extends ItemListener {
        @Override
        public void onBeforeShutdown() {
            shutdown();
        }
    }

    /** Jenkins' {@code UrlAnnotator} makes the run's URL a link. */
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
