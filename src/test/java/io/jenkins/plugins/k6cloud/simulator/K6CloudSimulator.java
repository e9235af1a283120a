package io.jenkins.plugins.k6cloud.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A k6 Cloud REST API on a loopback port (see the package description): runs follow their {@link Scenario} on the given
 * {@link Clock}; faults are armed with {@link #faults()}; everything served is in the {@link #journal()}.
 */
public final class K6CloudSimulator implements AutoCloseable {
    /** The token accepted when the builder is given none. */
    public static final String DEFAULT_TOKEN = "sim-token";

    /** The Grafana stack id v6 requests must carry when the builder is given none. */
    public static final long DEFAULT_STACK_ID = 4242;

    /** The largest script an upload may carry when the builder is given no other limit (10 MiB). */
    public static final long DEFAULT_MAX_SCRIPT_BYTES = 10L << 20;

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY every answer waits ~40 ms
        // for a delayed ACK (Nagle). Read once, when the first server is created; a value set elsewhere wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SimCore core;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final String token;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private K6CloudSimulator(Builder b) throws IOException {
        this.core = new SimCore(b.clock, b.journalMode);
        core.tokens.add(b.token);
        core.stackId(b.stackId);
        this.token = b.token;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), b.port), b.backlog);
        this.executor = new ThreadPoolExecutor(
                b.threads, b.threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), this::newThread);
        server.createContext(
                "/",
                new HttpFrontend(core, List.of(new V2Flavour(core), new V6Flavour(core), new MetricsFlavour(core))));
        server.setExecutor(executor);
        server.start();
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        core.webAppUrl(baseUrl + "/app");
        core.baseUrl(baseUrl);
    }

    private Thread newThread(Runnable r) {
        Thread t = new Thread(r, "k6-sim-http-" + THREAD_NUMBER.incrementAndGet());
        t.setDaemon(true);
        threads.add(t);
        return t;
    }

    /** The server threads this simulator started (for tests that check they end). */
    List<Thread> serverThreads() {
        return List.copyOf(threads);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public URI uri() {
        return URI.create(baseUrl);
    }

    /** The Grafana stack id v6 requests must send as {@code X-Stack-Id}. */
    public long stackId() {
        return core.stackId();
    }

    /** The first accepted token. */
    public String token() {
        return token;
    }

    /**
     * From now on, v2 run lists ignore {@code order_by} and answer oldest first, or not (the default): v2 documents no
     * ordering by creation, and a server may not know it.
     */
    public void ignoreOrderBy(boolean v) {
        core.ignoreOrderBy = v;
    }

    public Clock clock() {
        return core.clock;
    }

    /** The base of the run pages it serves: {@code baseUrl() + "/app"}; a run's page is {@code /app/runs/{id}}. */
    public String webAppUrl() {
        return core.webAppUrl();
    }

    /** Adds a load test whose runs play {@code scenario}; returns its id. */
    public long addLoadTest(String name, Scenario scenario) {
        return core.store.addTest(name, scenario, core.clock.instant()).id();
    }

    /** Load test {@code testId} plays {@code scenario} from its next run on (its runs so far keep theirs). */
    public void setScenario(long testId, Scenario scenario) {
        core.store.replaceScenario(testId, scenario);
    }

    /** Adds a load test named after the scenario. */
    public long addLoadTest(Scenario scenario) {
        return addLoadTest(scenario.name(), scenario);
    }

    /** What load tests created by an upload play from now on (default {@link Scenarios#uploadAndRun()}). */
    public void setUploadScenario(Scenario scenario) {
        core.uploadScenario = scenario;
    }

    /** The largest script an upload may carry from now on; larger ones get 413 (default 10 MiB). */
    public void setMaxScriptBytes(long bytes) {
        if (bytes < 1 || bytes > HttpFrontend.KEPT_BODY_BYTES) {
            throw new IllegalArgumentException(
                    "the script limit is 1.." + HttpFrontend.KEPT_BODY_BYTES + " bytes, not " + bytes);
        }
        core.maxScriptBytes = bytes;
    }

    public FaultPlan faults() {
        return core.faults;
    }

    public Journal journal() {
        return core.journal;
    }

    /** Run {@code runId} as of now on the simulator clock. */
    public RunState runState(long runId) {
        SimRun run = core.store.run(runId);
        if (run == null) {
            throw new IllegalArgumentException("The simulator has no run " + runId);
        }
        return run.stateAt(core.clock.instant());
    }

    public void acceptToken(String t) {
        core.tokens.add(t);
    }

    /** From now on requests with {@code t} get 401 "Invalid token." (code 6). */
    public void revokeToken(String t) {
        core.tokens.remove(t);
    }

    /** How long after an accepted stop a run becomes ABORTED_BY_USER (default 0). */
    public void setStopDelay(Duration d) {
        core.stopDelay(d);
    }

    public void setEndedRunStopReply(EndedRunStopReply r) {
        core.endedRunStopReply(r);
    }

    /** Stops the server and its threads; bounded (a few seconds at most). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "K6CloudSimulator[" + baseUrl + "]";
    }

    /** Configures and starts a {@link K6CloudSimulator}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private String token = DEFAULT_TOKEN;
        private int threads = 4;
        private int port;
        private int backlog = 512;
        private JournalMode journalMode = JournalMode.full();
        private long stackId = DEFAULT_STACK_ID;

        private Builder() {}

        /** The Grafana stack id v6 requests must carry (default {@value #DEFAULT_STACK_ID}). */
        public Builder stackId(long v) {
            stackId = v;
            return this;
        }

        /** The clock runs follow (default the system clock; a {@code ManualClock} in tests). */
        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        /** The accepted token, replacing the default {@value #DEFAULT_TOKEN}; more with {@link #acceptToken}. */
        public Builder token(String v) {
            token = v;
            return this;
        }

        /** The number of server threads, named {@code k6-sim-http-N} (default 4). */
        public Builder threads(int v) {
            threads = v;
            return this;
        }

        /** The loopback port (default 0: any free port). */
        public Builder port(int v) {
            port = v;
            return this;
        }

        /** The TCP accept backlog (default 512). */
        public Builder backlog(int v) {
            backlog = v;
            return this;
        }

        public Builder journalMode(JournalMode v) {
            journalMode = v;
            return this;
        }

        /** Binds the port and starts serving. */
        public K6CloudSimulator start() throws IOException {
            return new K6CloudSimulator(this);
        }
    }
}
