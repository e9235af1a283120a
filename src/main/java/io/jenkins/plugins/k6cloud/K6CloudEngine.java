package io.jenkins.plugins.k6cloud;

import hudson.init.Terminator;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The controller's one {@link RunEngine}: every freestyle build step and Pipeline step of this
 * Jenkins shares its named daemon threads. Static state is acceptable here because it is
 * infrastructure, like {@code jenkins.util.Timer}: it holds no build's data (each run's state lives
 * in its step execution and its action), it is created on first use, and it is closed when Jenkins
 * shuts down. Then the freestyle runs (which cannot resume) are stopped in k6 Cloud; Pipeline runs
 * are left going and resumed after the restart from their saved state.
 */
public final class K6CloudEngine {
    static final String THREAD_NAME_PREFIX = "k6-cloud-engine";
    /** Each thread may be held by one HTTP call (up to the run clients' call budget); polls are short. */
    static final int THREADS = 4;

    static final String SHUTDOWN_REASON = "Jenkins is shutting down";
    /** How long the shutdown waits for k6 Cloud to accept the stops of the freestyle runs. */
    static final Duration SHUTDOWN_CANCEL_BOUND = Duration.ofSeconds(10);

    private static final Lifecycle LIFECYCLE = new Lifecycle(() -> RunEngine.withThreads(THREAD_NAME_PREFIX, THREADS));

    private K6CloudEngine() {}

    /** @throws IllegalStateException after Jenkins has begun to shut down */
    public static RunEngine get() {
        return LIFECYCLE.get();
    }

    @Terminator
    public static void shutdown() {
        LIFECYCLE.shutdown();
    }

    /** Creates the engine on first use, and refuses to create another once it was shut down. */
    static final class Lifecycle {
        private final Supplier<RunEngine> factory;
        private RunEngine engine;
        private boolean shutDown;

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

        /** Stops the runs that cannot resume (bounded), then closes the engine's threads. */
        synchronized void shutdown() {
            shutDown = true;
            if (engine != null) {
                try {
                    engine.cancelUnresumable(SHUTDOWN_REASON, SHUTDOWN_CANCEL_BOUND);
                } finally {
                    engine.close();
                    engine = null;
                }
            }
        }
    }
}
