package io.jenkins.plugins.k6cloud.engine;

import java.time.Clock;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the steps of one watch on the shared {@link Scheduler}, one at a time: each step returns
 * the delay until the next one, or {@link #DONE}. {@link #wake()} brings the next step forward
 * (a cancel arrived); a step already running is followed by another at once.
 */
final class StepLoop {
    static final long DONE = -1;
    private static final Logger LOGGER = Logger.getLogger(StepLoop.class.getName());

    private final Scheduler scheduler;
    private final Clock clock;
    private final LongSupplier step;
    private final Object lock = new Object();
    private Future<?> pending;
    private boolean stepping;
    private boolean wakeUp;
    private boolean stopped;
    private volatile long nextStepAt;

    StepLoop(Scheduler scheduler, Clock clock, LongSupplier step) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.step = step;
    }

    /** Plans the next step {@code delay} ms from now. */
    void schedule(long delay) {
        synchronized (lock) {
            nextStepAt = clock.millis() + Math.max(0, delay);
            try {
                pending = scheduler.schedule(this::runStep, delay);
            } catch (RejectedExecutionException e) {
                // the engine was closed: the watch ends here and can be resumed elsewhere
                stopped = true;
                pending = null;
            }
        }
    }

    /** Runs the next step now rather than at its planned time. */
    void wake() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            if (stepping) {
                wakeUp = true;
            } else if (pending != null && pending.cancel(false)) {
                schedule(0);
            }
        }
    }

    /** When the next step is planned (engine-clock millis). */
    long nextStepAt() {
        return nextStepAt;
    }

    private void runStep() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            pending = null;
            stepping = true;
        }
        long delay = DONE;
        try {
            delay = step.getAsLong();
        } catch (Throwable t) {
            // the step reports its own failures; this is the last line, so that the loop ends cleanly
            LOGGER.log(Level.WARNING, "A k6 Cloud engine step failed", t);
            delay = DONE;
        } finally {
            synchronized (lock) {
                stepping = false;
                if (delay == DONE) {
                    stopped = true;
                } else {
                    schedule(wakeUp ? 0 : delay);
                    wakeUp = false;
                }
            }
        }
    }
}
