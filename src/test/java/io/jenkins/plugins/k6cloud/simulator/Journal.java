package io.jenkins.plugins.k6cloud.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Everything the simulator saw: the requests it served (as {@link JournalEntry}) and the runs it
 * created (as {@link RunRecord}), with queries for assertions and latches to wait on without
 * sleeping. Thread-safe. An entry is recorded once its response is decided, just before it is
 * written (or the connection dropped): a client holding a response always finds its entry, and a
 * latch that returns means the simulator has served the request (the client may still be reading).
 */
public final class Journal {
    private final Clock clock;
    private final RunStore store;
    private final int retained;
    private final AtomicLong seq = new AtomicLong();
    private final Map<Endpoint, LongAdder> counts = new EnumMap<>(Endpoint.class);
    private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final List<UploadRecord> uploads = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static final class Waiter {
        final Predicate<JournalEntry> predicate;
        final CountDownLatch latch;
        final List<JournalEntry> matched = new ArrayList<>();

        Waiter(Predicate<JournalEntry> predicate, int count) {
            this.predicate = predicate;
            this.latch = new CountDownLatch(count);
        }
    }

    Journal(Clock clock, RunStore store, JournalMode mode) {
        this.clock = clock;
        this.store = store;
        this.retained = mode.retainedEntries();
        for (Endpoint e : Endpoint.values()) {
            counts.put(e, new LongAdder());
        }
    }

    long nextSeq() {
        return seq.incrementAndGet();
    }

    void record(JournalEntry entry) {
        counts.get(entry.endpoint()).increment();
        synchronized (this) {
            if (retained > 0) {
                entries.addLast(entry);
                if (entries.size() > retained) {
                    entries.removeFirst();
                }
            }
            if (waiters.isEmpty()) {
                return;
            }
            for (Waiter w : waiters) {
                if (w.latch.getCount() > 0 && safeTest(w.predicate, entry)) {
                    w.matched.add(entry);
                    w.latch.countDown();
                }
            }
            waiters.removeIf(w -> w.latch.getCount() == 0);
        }
    }

    private static boolean safeTest(Predicate<JournalEntry> p, JournalEntry e) {
        try {
            return p.test(e);
        } catch (RuntimeException ex) {
            return false;
        }
    }

    /** Every retained entry, oldest first. */
    public synchronized List<JournalEntry> requests() {
        return new ArrayList<>(entries);
    }

    /** The retained entries of one endpoint, oldest first. */
    public List<JournalEntry> requests(Endpoint endpoint) {
        return requests(e -> e.endpoint() == endpoint);
    }

    /** The retained entries matching {@code predicate}, oldest first. */
    public synchronized List<JournalEntry> requests(Predicate<JournalEntry> predicate) {
        return entries.stream().filter(predicate).collect(Collectors.toList());
    }

    /** How many requests to {@code endpoint} were served; exact in every {@link JournalMode}. */
    public long count(Endpoint endpoint) {
        return counts.get(endpoint).sum();
    }

    /** How many requests were served in total; exact in every {@link JournalMode}. */
    public long totalRequests() {
        return seq.get();
    }

    /** The START requests for load test {@code testId} (including failed and dropped ones). */
    public List<JournalEntry> startsFor(long testId) {
        return requests(e -> e.endpoint() == Endpoint.START && Objects.equals(e.testId(), testId));
    }

    /** The STOP requests for run {@code runId}. */
    public List<JournalEntry> stopsFor(long runId) {
        return requests(e -> e.endpoint() == Endpoint.STOP && Objects.equals(e.runId(), runId));
    }

    void uploaded(UploadRecord upload) {
        uploads.add(upload);
    }

    /** Every script accepted (by a create or a replacement), oldest first. */
    public List<UploadRecord> uploads() {
        return List.copyOf(uploads);
    }

    /** The script load test {@code testId} has now (the last accepted for it), or {@code null}. */
    public UploadRecord scriptOf(long testId) {
        UploadRecord last = null;
        for (UploadRecord u : uploads) {
            if (u.testId() == testId) {
                last = u;
            }
        }
        return last;
    }

    /** The note of run {@code runId} ({@code ""} until one is set). */
    public String noteOf(long runId) {
        SimRun r = store.run(runId);
        if (r == null) {
            throw new IllegalArgumentException("The simulator has no run " + runId);
        }
        return r.note();
    }

    /** Every run created so far, by ascending id, as of now on the simulator clock. */
    public List<RunRecord> runs() {
        Instant now = clock.instant();
        return store.runs().stream().map(r -> record(r, now)).collect(Collectors.toList());
    }

    /** The runs of load test {@code testId}, by ascending id. */
    public List<RunRecord> runsOf(long testId) {
        Instant now = clock.instant();
        return store.runsOf(testId).stream().map(r -> record(r, now)).collect(Collectors.toList());
    }

    /** Run {@code runId} as of now. */
    public RunRecord run(long runId) {
        SimRun r = store.run(runId);
        if (r == null) {
            throw new IllegalArgumentException("The simulator has no run " + runId);
        }
        return record(r, clock.instant());
    }

    /** The runs whose run_status is not terminal (3..10) at the current clock: should be empty after a build. */
    public List<RunRecord> runsLeftRunning() {
        Instant now = clock.instant();
        List<RunRecord> out = new ArrayList<>();
        for (SimRun r : store.runs()) {
            if (!r.stateAt(now).isTerminal()) {
                out.add(record(r, now));
            }
        }
        return out;
    }

    private static RunRecord record(SimRun r, Instant now) {
        RunPlan plan = r.plan();
        Instant stop = r.stopRequested();
        return new RunRecord(
                r.id(),
                r.test().id(),
                r.scenario().name(),
                r.stackId(),
                r.created(),
                now,
                plan.stateAt(now),
                plan.transitionsUntil(now),
                stop,
                stop != null && plan.endedByStop());
    }

    /**
     * Waits until a request matching {@code predicate} has been served (one served before the call counts, if retained)
     * and returns it. @throws AssertionError when none arrives within {@code timeout}
     */
    public JournalEntry awaitRequest(Predicate<JournalEntry> predicate, Duration timeout) {
        return awaitRequests(predicate, 1, timeout).get(0);
    }

    /** Waits until a request to {@code endpoint} has been served. */
    public JournalEntry awaitRequest(Endpoint endpoint, Duration timeout) {
        return awaitRequest(e -> e.endpoint() == endpoint, timeout);
    }

    /**
     * Waits until {@code count} requests matching {@code predicate} have been served in total (retained earlier ones
     * count) and returns the first {@code count} of them. @throws AssertionError when fewer arrive within {@code
     * timeout}
     */
    public List<JournalEntry> awaitRequests(Predicate<JournalEntry> predicate, int count, Duration timeout) {
        Objects.requireNonNull(predicate, "predicate");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, not " + count);
        }
        Waiter w;
        synchronized (this) {
            List<JournalEntry> earlier = new ArrayList<>();
            for (JournalEntry e : entries) {
                if (earlier.size() < count && safeTest(predicate, e)) {
                    earlier.add(e);
                }
            }
            if (earlier.size() == count) {
                return earlier;
            }
            w = new Waiter(predicate, count - earlier.size());
            w.matched.addAll(earlier);
            waiters.add(w);
        }
        boolean done;
        try {
            done = w.latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        synchronized (this) {
            waiters.remove(w);
            if (!done) {
                throw new AssertionError("The simulator served " + w.matched.size() + " of the " + count
                        + " expected matching requests within " + timeout + "; last requests: " + tail(10));
            }
            return new ArrayList<>(w.matched);
        }
    }

    private List<JournalEntry> tail(int n) {
        List<JournalEntry> all = new ArrayList<>(entries);
        return all.subList(Math.max(0, all.size() - n), all.size());
    }
}
