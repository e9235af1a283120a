package io.jenkins.plugins.k6cloud.faults;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.RecordingListener;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.engine.RunWatch;
import io.jenkins.plugins.k6cloud.engine.VirtualScheduler;
import io.jenkins.plugins.k6cloud.engine.WatchPhase;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.Scenario;
import io.jenkins.plugins.k6cloud.testing.ManualClock;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;

/**
 * The world of one matrix row: a {@link ManualClock} shared by the simulator, the client's retry pauses and a {@link
 * VirtualScheduler}, a simulator with a token of its own, the engine, and everything said on the way (console lines,
 * exception texts) for the token scan.
 */
final class Rig implements AutoCloseable {
    /** A run is never followed longer than this in virtual time by {@link #finish}. */
    static final Duration VIRTUAL_LIMIT = Duration.ofHours(3);

    private static final AtomicInteger TOKENS = new AtomicInteger();

    final ManualClock clock = new ManualClock();
    final long startedAtMillis = clock.millis();
    final String token = "tok-" + Integer.toHexString(0x5ec2e7 + TOKENS.incrementAndGet()) + "-do-not-print";
    final RecordingListener console = new RecordingListener(false);
    final List<String> texts = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    final List<Long> testIds = new ArrayList<>();
    final List<FakeServer> fakes = new ArrayList<>();
    final K6CloudSimulator sim;
    VirtualScheduler scheduler = new VirtualScheduler(clock);
    RunEngine engine = new RunEngine(scheduler, clock);
    UnaryOperator<ClientOptions> clientOptions = UnaryOperator.identity();
    private final List<OkHttpClient> https = new ArrayList<>();
    private Duration stopDelay = Duration.ZERO;
    private boolean unstoppableRunExpected;
    private Path files;

    Rig() throws IOException {
        sim = K6CloudSimulator.builder().clock(clock).token(token).start();
    }

    /** Adds a load test that plays {@code scenario}; its runs are checked for orphans and duplicates. */
    long test(Scenario scenario) {
        long id = sim.addLoadTest(scenario);
        testIds.add(id);
        return id;
    }

    /** Registers a fake server to close with the rig. */
    FakeServer fake(FakeServer server) {
        fakes.add(server);
        return server;
    }

    /** 1 s polls (the least allowed), links to the simulator's web app. */
    RunSettings settings() {
        return RunSettings.of(
                sim.webAppUrl(), Duration.ofSeconds(1), RunSettings.DEFAULT_TIMEOUT, BuildResult.FAILURE, true);
    }

    void stopDelay(Duration d) {
        stopDelay = d;
        sim.setStopDelay(d);
    }

    Duration stopDelay() {
        return stopDelay;
    }

    /** The row leaves a run going that nobody holding this token could stop (the token was revoked). */
    void expectUnstoppableRun() {
        unstoppableRunExpected = true;
    }

    boolean unstoppableRunExpected() {
        return unstoppableRunExpected;
    }

    /** The client the plugin would use, retrying with pauses that only move the virtual clock. */
    K6CloudClient client() {
        return client(sim.uri(), token);
    }

    K6CloudClient client(URI api, String tokenText) {
        return client(ApiFlavour.V2, api, tokenText, null);
    }

    /** The client of {@code flavour}, sending {@code stackId} when not {@code null}. */
    HttpK6CloudClient client(ApiFlavour flavour, URI api, String tokenText, Long stackId) {
        ClientOptions options = inVirtualTime(ClientOptions.defaults()).withStackId(stackId);
        return new HttpK6CloudClient(flavour, http(), api, ApiToken.of(tokenText), clientOptions.apply(options));
    }

    /** {@code options} with retry pauses that only move the virtual clock. */
    ClientOptions inVirtualTime(ClientOptions options) {
        return options.withTime(clock, ms -> clock.advance(Duration.ofMillis(ms)), new Random(7));
    }

    /** Writes {@code bytes} as file {@code name} in the rig's own directory, deleted with the rig. */
    Path file(String name, byte[] bytes) throws IOException {
        if (files == null) {
            files = Files.createTempDirectory("k6cloud-faults");
        }
        Path p = files.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    /** A fresh OkHttp client, shut down with the rig. */
    OkHttpClient http() {
        OkHttpClient http = new OkHttpClient();
        https.add(http);
        return http;
    }

    /** Plain real timeouts for the rows whose fault is a slow answer. */
    void shortTimeouts(Duration read) {
        clientOptions = o -> o.withTimeouts(read, read, read.multipliedBy(4));
    }

    RunWatch start(long testId, RunSettings settings) {
        return start(testId, settings, client());
    }

    RunWatch start(long testId, RunSettings settings, K6CloudClient client) {
        return engine.start(testId, settings, client, console);
    }

    /** Steps the engine in virtual time until its outcome is known. */
    RunOutcome finish(RunWatch handle) {
        if (!scheduler.runUntilDone(handle.outcome(), VIRTUAL_LIMIT)) {
            throw new AssertionError("no outcome within " + VIRTUAL_LIMIT + " of virtual time; " + handle.status());
        }
        return handle.outcome().join();
    }

    /** Steps the engine in half-second slices until {@code condition} holds. */
    void runUntil(BooleanSupplier condition, String what) {
        long end = clock.millis() + VIRTUAL_LIMIT.toMillis();
        while (!condition.getAsBoolean()) {
            if (clock.millis() > end || scheduler.pending() == 0) {
                throw new AssertionError("never happened: " + what);
            }
            scheduler.advance(Duration.ofMillis(500));
        }
    }

    /** Steps until the engine has seen {@code runStatus} (0 queued, 1 initializing, 2 running). */
    void runUntilStatus(RunWatch handle, int runStatus) {
        runUntil(() -> Integer.valueOf(runStatus).equals(handle.state().lastRunStatus()), "run_status " + runStatus);
    }

    void runUntilProcessing(RunWatch handle) {
        runUntil(() -> handle.state().phase() == WatchPhase.PROCESSING, "processing");
    }

    /** Lets what the engine still has to do (a stop retried after a second cancel) happen, and the stop delay pass. */
    void settle() {
        scheduler.advance(stopDelay.plusSeconds(2));
    }

    /** A row-specific expectation; a false one is reported with the row. */
    void check(boolean ok, String whatWentWrong) {
        if (!ok) {
            problems.add(whatWentWrong);
        }
    }

    void checkNoRequests() {
        check(
                sim.journal().totalRequests() == 0,
                "requests were sent: " + sim.journal().requests());
    }

    long stops() {
        return sim.journal().count(Endpoint.STOP);
    }

    void checkStops(long expected) {
        check(stops() == expected, "expected " + expected + " stop request, saw " + stops());
    }

    /** Keeps a text the plugin produced (an exception message, a form message) for the token scan. */
    void said(String text) {
        if (text != null) {
            texts.add(text);
        }
    }

    /** Keeps the messages of {@code t} and its causes for the token scan. */
    void said(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            said(c.toString());
        }
    }

    long virtualElapsedMillis() {
        return clock.millis() - startedAtMillis;
    }

    @Override
    public void close() {
        engine.close();
        sim.close();
        fakes.forEach(FakeServer::close);
        if (files != null) {
            try (java.util.stream.Stream<Path> all = Files.walk(files)) {
                all.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                problems.add("could not delete " + files + ": " + e);
            }
        }
        for (OkHttpClient http : https) {
            http.dispatcher().executorService().shutdownNow();
            http.connectionPool().evictAll();
        }
    }
}
