package io.jenkins.plugins.k6cloud.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The state every API flavour shares: clock, tests and runs, tokens, stop behaviour, faults, journal, and what only v6
 * uses (the stack id it accepts, the idempotency keys of starts).
 */
final class SimCore {
    final Clock clock;
    final RunStore store = new RunStore();
    final FaultPlan faults = new FaultPlan();
    final Journal journal;
    final Set<String> tokens = new CopyOnWriteArraySet<>();
    private volatile Duration stopDelay = Duration.ZERO;
    private volatile EndedRunStopReply endedRunStopReply = EndedRunStopReply.BAD_REQUEST_400;
    private volatile String webAppUrl = "";
    private volatile String baseUrl = "";
    private volatile long stackId = K6CloudSimulator.DEFAULT_STACK_ID;
    final IdempotencyKeys idempotencyKeys = new IdempotencyKeys();
    /** What load tests created by an upload play ({@link Scenarios#uploadAndRun()} by default). */
    volatile Scenario uploadScenario = Scenarios.uploadAndRun();
    /** The largest script an upload may carry; a larger one gets 413. */
    volatile long maxScriptBytes = K6CloudSimulator.DEFAULT_MAX_SCRIPT_BYTES;
    /** v2 lists ignore {@code order_by} (ascending id), as a server that does not know the ordering would. */
    volatile boolean ignoreOrderBy;

    SimCore(Clock clock, JournalMode mode) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.journal = new Journal(clock, store, mode);
    }

    Duration stopDelay() {
        return stopDelay;
    }

    void stopDelay(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("the stop delay must be zero or positive, not " + d);
        }
        stopDelay = d;
    }

    EndedRunStopReply endedRunStopReply() {
        return endedRunStopReply;
    }

    void endedRunStopReply(EndedRunStopReply r) {
        endedRunStopReply = Objects.requireNonNull(r, "reply");
    }

    String webAppUrl() {
        return webAppUrl;
    }

    void webAppUrl(String url) {
        webAppUrl = url;
    }

    /** {@code http://127.0.0.1:PORT}: the base of v6 {@code @nextLink} URLs. */
    String baseUrl() {
        return baseUrl;
    }

    void baseUrl(String url) {
        baseUrl = url;
    }

    /** The Grafana stack id v6 requests must carry as {@code X-Stack-Id}. */
    long stackId() {
        return stackId;
    }

    void stackId(long id) {
        stackId = id;
    }
}
