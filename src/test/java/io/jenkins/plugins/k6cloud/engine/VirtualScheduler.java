package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.testing.ManualClock;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * A {@link Scheduler} in virtual time: tasks run on the test's thread, in due order, only when the
 * test moves the shared {@link ManualClock} through this scheduler. Deterministic: the same test
 * always sees the same interleaving.
 */
public final class VirtualScheduler implements Scheduler {
    private final ManualClock clock;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long sequence;
    private boolean closed;

    public VirtualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    private final class Task extends CompletableFuture<Void> implements Comparable<Task> {
        final long due;
        final long seq;
        final Runnable body;

        Task(long due, long seq, Runnable body) {
            this.due = due;
            this.seq = seq;
            this.body = body;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (VirtualScheduler.this) {
                boolean wasQueued = tasks.remove(this);
                super.cancel(false);
                return wasQueued;
            }
        }
    }

    @Override
    public synchronized Future<?> schedule(Runnable task, long delayMillis) {
        if (closed) {
            throw new RejectedExecutionException("the virtual scheduler is closed");
        }
        Task t = new Task(clock.millis() + Math.max(0, delayMillis), sequence++, task);
        tasks.add(t);
        return t;
    }

    private synchronized Task nextDueBy(long limit) {
        Task t = tasks.peek();
        if (t == null || t.due > limit) {
            return null;
        }
        return tasks.poll();
    }

    /** Runs every task due now, including tasks they schedule for now. */
    public int runDue() {
        return runUntil(clock.millis());
    }

    /** Moves the clock forward by {@code d}, running each task at its due time on the way. */
    public int advance(Duration d) {
        return runUntil(clock.millis() + d.toMillis());
    }

    private int runUntil(long limit) {
        return runUntil(limit, new CompletableFuture<>());
    }

    /** Runs tasks due by {@code limit} in due order, jumping the clock to each, until {@code done} completes. */
    private int runUntil(long limit, Future<?> done) {
        int n = 0;
        for (Task t; !done.isDone() && (t = nextDueBy(limit)) != null; ) {
            clock.advanceTo(t.due);
            t.body.run();
            n++;
        }
        if (!done.isDone()) {
            clock.advanceTo(limit);
        }
        return n;
    }

    /** Runs tasks until {@code done} completes or the clock has moved {@code limit} further; whether it did. */
    public boolean runUntilDone(Future<?> done, Duration limit) {
        runUntil(clock.millis() + limit.toMillis(), done);
        return done.isDone();
    }

    /** Tasks waiting to run. */
    public synchronized int pending() {
        return tasks.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        tasks.clear();
    }
}
