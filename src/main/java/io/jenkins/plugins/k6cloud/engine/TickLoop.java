package io.jenkins.plugins.k6cloud.engine;

import java.time.Clock;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the ticks of one watch on the shared {@link Scheduler}, one at a time: each returns the delay until the next,
 * or {@link #DONE}. {@link #wake()} (a cancel) brings the next tick forward, or follows a running one at once.
 */
final class TickLoop {
    static final long DONE = -1;
    private static final Logger LOGGER = Logger.getLogger(TickLoop.class.getName());

    private final Scheduler scheduler;
    private final Clock clock;
    private final LongSupplier tick;
    private final Object lock = new Object();
    private Future<?> pending;
    private boolean ticking;
    private boolean wakeUp;
    private boolean stopped;
    private volatile long nextTickAt;

    TickLoop(Scheduler scheduler, Clock clock, LongSupplier tick) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.tick = tick;
    }

    void schedule(long delay) {
        synchronized (lock) {
            nextTickAt = clock.millis() + Math.max(0, delay);
            try {
                pending = scheduler.schedule(this::runTick, delay);
            } catch (RejectedExecutionException e) {
                // the engine was closed: the watch ends here and can be resumed elsewhere
                stopped = true;
                pending = null;
            }
        }
    }

    void wake() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            if (ticking) {
                wakeUp = true;
            } else if (pending != null && pending.cancel(false)) {
                schedule(0);
            }
        }
    }

    long nextTickAt() {
        return nextTickAt;
    }

    private void runTick() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            pending = null;
            ticking = true;
        }
        long delay = DONE;
        try {
            delay = tick.getAsLong();
        } catch (Throwable t) { // the tick reports its own failures: the last line, so that the loop ends cleanly
            LOGGER.log(Level.WARNING, "A k6 Cloud engine tick failed", t);
        } finally {
            synchronized (lock) {
                ticking = false;
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
