package io.jenkins.plugins.k6cloud.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The faults armed per endpoint, in the order they were armed: {@code inject(READ, 2, f)} makes the next two READ
 * requests suffer {@code f}, then the next armed READ fault (if any) applies.
 */
public final class FaultPlan {
    /** Where {@link Fault.Kind#START_THEN_DROP} applies: requests that change something before they answer. */
    private static final java.util.Set<Endpoint> TAKES_EFFECT_THEN_DROPS =
            java.util.EnumSet.of(Endpoint.START, Endpoint.CREATE_TEST, Endpoint.SCRIPT, Endpoint.NOTE);

    private final Map<Endpoint, Deque<Armed>> armed = new EnumMap<>(Endpoint.class);
    private volatile int armedCount;

    private static final class Armed {
        final Fault fault;
        int remaining;

        Armed(Fault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    /** Arms {@code fault} for the next {@code count} requests to {@code endpoint}. */
    public synchronized FaultPlan inject(Endpoint endpoint, int count, Fault fault) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(fault, "fault");
        if (count < 1) {
            throw new IllegalArgumentException("a fault applies to at least 1 request, not " + count);
        }
        if (fault.kind() == Fault.Kind.START_THEN_DROP && !TAKES_EFFECT_THEN_DROPS.contains(endpoint)) {
            throw new IllegalArgumentException(
                    "START_THEN_DROP only applies to " + TAKES_EFFECT_THEN_DROPS + ", not " + endpoint);
        }
        if (fault.kind() == Fault.Kind.STOP_RACES_FINISH && endpoint != Endpoint.STOP) {
            throw new IllegalArgumentException("STOP_RACES_FINISH only applies to Endpoint.STOP, not " + endpoint);
        }
        armed.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).addLast(new Armed(fault, count));
        armedCount += count;
        return this;
    }

    /** Arms {@code fault} for the next request to {@code endpoint}. */
    public FaultPlan inject(Endpoint endpoint, Fault fault) {
        return inject(endpoint, 1, fault);
    }

    /** How many requests to {@code endpoint} will still suffer a fault. */
    public synchronized int pending(Endpoint endpoint) {
        Deque<Armed> q = armed.get(endpoint);
        return q == null ? 0 : q.stream().mapToInt(a -> a.remaining).sum();
    }

    /** Disarms every fault. */
    public synchronized void clear() {
        armed.clear();
        armedCount = 0;
    }

    /** Takes the fault for one request to {@code endpoint}, or {@code null}. */
    Fault take(Endpoint endpoint) {
        if (armedCount == 0) {
            return null;
        }
        synchronized (this) {
            Deque<Armed> q = armed.get(endpoint);
            if (q == null || q.isEmpty()) {
                return null;
            }
            Armed head = q.peekFirst();
            if (--head.remaining == 0) {
                q.removeFirst();
            }
            armedCount--;
            return head.fault;
        }
    }
}
