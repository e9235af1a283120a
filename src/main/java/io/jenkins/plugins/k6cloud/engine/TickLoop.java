package io.jenkins.plugins.k6cloud.engine;

import java.time.Clock;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the ticks of one watch on the shared {@link Scheduler}, one at a time: each tick returns
 * the delay until the next one, or {@link #DONE}. {@link #wake()} brings the next tick forward
 * (a cancel arrived); a tick already running is followed by another at once.
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

    /** Plans the next tick {@code delay} ms from now. */
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

    /** Runs the next tick now rather than at its planned time. */
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

    /** When the next tick is planned (engine-clock millis). */
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
        } catch (Throwable t) {
            // the tick reports its own failures; this is the last line, so that the loop ends cleanly
            LOGGER.log(Level.WARNING, "A k6 Cloud engine tick failed", t);
            delay = DONE;
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
