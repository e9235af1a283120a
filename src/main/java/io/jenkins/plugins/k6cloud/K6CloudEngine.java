package io.jenkins.plugins.k6cloud;

import hudson.init.Terminator;
import io.jenkins.plugins.k6cloud.engine.RunEngine;

/**
 * The controller's one {@link RunEngine}: every freestyle build step and Pipeline step of this
 * Jenkins shares its two named daemon threads. Static state is acceptable here because it is
 * infrastructure, like {@code jenkins.util.Timer}: it holds no build's data (each run's state lives
 * in its step execution and its action), it is created on first use, and it is closed when Jenkins
 * shuts down. Runs still followed then are not stopped: Pipeline steps resume them after the restart.
 */
public final class K6CloudEngine {
    static final String THREAD_NAME_PREFIX = "k6-cloud-engine";
    static final int THREADS = 2;

    private static RunEngine engine;

    private K6CloudEngine() {}

    public static synchronized RunEngine get() {
        if (engine == null) {
            engine = RunEngine.withThreads(THREAD_NAME_PREFIX, THREADS);
        }
        return engine;
    }

    @Terminator
    public static synchronized void shutdown() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
