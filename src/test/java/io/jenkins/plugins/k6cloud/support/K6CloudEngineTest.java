package io.jenkins.plugins.k6cloud.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.RetryPolicy;
import io.jenkins.plugins.k6cloud.builder.K6CloudBuilder;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.engine.RunEvents;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.engine.RunWatch;
import io.jenkins.plugins.k6cloud.engine.Scheduler;
import io.jenkins.plugins.k6cloud.engine.Scheduler.ThreadPoolScheduler;
import io.jenkins.plugins.k6cloud.engine.WatchState;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The controller's engine at shutdown: freestyle runs (which cannot resume) are stopped in k6
 * Cloud, Pipeline runs are left for their resume, and no new engine is made afterwards, until the
 * next Jenkins start; and the clients the engine's runs use.
 */
public class K6CloudEngineTest {
    private K6CloudSimulator sim;
    private OkHttpClient http;

    @Before
    public void startSimulator() throws IOException {
        sim = K6CloudSimulator.builder().start();
        http = new OkHttpClient();
    }

    @After
    public void stop() {
        sim.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    public void shutdownStopsTheFreestyleRunsLeavesThePipelineRunsAndMakesNoNewEngine() throws Exception {
        AtomicInteger made = new AtomicInteger();
        CountDownLatch closed = new CountDownLatch(1);
        K6CloudEngine.Lifecycle lifecycle = new K6CloudEngine.Lifecycle(() -> {
            made.incrementAndGet();
            ThreadPoolScheduler threads = new ThreadPoolScheduler("k6-engine-test", 2);
            return new RunEngine(
                    new Scheduler() {
                        @Override
                        public java.util.concurrent.Future<?> schedule(Runnable task, long delayMillis) {
                            return threads.schedule(task, delayMillis);
                        }

                        @Override
                        public void close() {
                            threads.close();
                            closed.countDown();
                        }
                    },
                    Clock.systemUTC());
        });
        RunEngine engine = lifecycle.get();
        assertSame(engine, lifecycle.get());

        long testId = sim.addLoadTest("long", Scenarios.passes());
        // polls far apart and a long timeout, so that neither run ends on its own while the test looks
        RunSettings settings =
                RunSettings.of(sim.webAppUrl(), Duration.ofMinutes(10), Duration.ofDays(1), BuildResult.FAILURE, true);
        CountDownLatch bothStarted = new CountDownLatch(2);
        RunEvents started = new RunEvents() {
            @Override
            public void onStarted(WatchState state) {
                bothStarted.countDown();
            }
        };
        RunWatch freestyle =
                K6CloudBuilder.start(engine, testId, new RunConfig.Prepared(settings, client(), null), started);
        RunWatch pipeline = engine.start(testId, settings, client(), started);
        assertTrue(bothStarted.await(30, TimeUnit.SECONDS));
        long freestyleRun = freestyle.state().runId();
        long pipelineRun = pipeline.state().runId();

        lifecycle.shutdown();

        assertEquals(
                "the freestyle run was stopped",
                1,
                sim.journal().stopsFor(freestyleRun).size());
        assertEquals(
                "the Pipeline run resumes after the restart",
                0,
                sim.journal().stopsFor(pipelineRun).size());
        IllegalStateException e = assertThrows(IllegalStateException.class, lifecycle::get);
        assertThat(e.getMessage(), containsString("shutting down"));
        assertEquals("the engine's threads were stopped", 0, closed.getCount());
        assertEquals("no engine whose threads nobody closes", 1, made.get());
    }

    @Test
    public void thePreparationsRunOnNamedThreadsThatTheShutdownInterruptsAndNoEngineIsMadeForThem() throws Exception {
        AtomicInteger made = new AtomicInteger();
        K6CloudEngine.Lifecycle lifecycle = new K6CloudEngine.Lifecycle(() -> {
            made.incrementAndGet();
            return RunEngine.withThreads("k6-engine-test", 1);
        });
        Scheduler preparations = lifecycle.preparations();
        assertSame(preparations, lifecycle.preparations());
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<String> interruptedOn = new CompletableFuture<>();
        preparations.schedule(
                () -> {
                    running.countDown();
                    try {
                        new CountDownLatch(1).await(); // an upload's call, until interrupted
                    } catch (InterruptedException e) {
                        interruptedOn.complete(Thread.currentThread().getName());
                    }
                },
                0);
        assertTrue(running.await(10, TimeUnit.SECONDS));

        lifecycle.shutdown();

        assertThat(interruptedOn.get(10, TimeUnit.SECONDS), startsWith(K6CloudEngine.PREPARATION_THREAD_PREFIX + "-"));
        assertThrows(IllegalStateException.class, lifecycle::preparations);
        assertThrows(IllegalStateException.class, lifecycle::get);
        assertEquals("a shutdown before any use makes no engine", 0, made.get());
        lifecycle.open();
        assertNotSame("fresh threads for the next Jenkins", preparations, lifecycle.preparations());
        lifecycle.shutdown();
    }

    @Test
    public void runClientsRetryOnceAndLeaveLongerOutagesToTheEngine() {
        sim.faults().inject(Endpoint.READ, 5, Fault.serverError(503));
        RunConfig.Connection global = new RunConfig.Connection(null, sim.baseUrl(), null, null);
        K6CloudClient run =
                new HttpK6CloudClient(ApiFlavour.V2, http, sim.uri(), ApiToken.of(sim.token()), global.runOptions());

        assertThrows(K6CloudException.class, () -> run.getRun(1));

        assertEquals("one retry", 2, sim.journal().count(Endpoint.READ));
        assertEquals(
                "the rest of the outage is the engine's to wait out",
                3,
                sim.faults().pending(Endpoint.READ));
    }

    @Test
    public void theLoadTestLookupMakesOneAttempt() {
        sim.faults().inject(Endpoint.TESTS, 5, Fault.serverError(503));
        RunConfig.Connection global = new RunConfig.Connection(null, sim.baseUrl(), null, null);
        K6CloudClient lookup =
                new HttpK6CloudClient(ApiFlavour.V2, http, sim.uri(), ApiToken.of(sim.token()), global.lookupOptions());

        assertThrows(K6CloudException.class, () -> lookup.getLoadTest(1));

        assertEquals(1, sim.journal().count(Endpoint.TESTS));
    }

    @Test
    public void eachJenkinsStartReopensTheEngineThatTheLastShutdownClosed() throws Exception {
        try {
            new K6CloudEngine.BeforeShutdown().onBeforeShutdown(); // the end of one Jenkins (e.g. one test's)
            K6CloudEngine.shutdown(); // its terminator after the listener: nothing more to do
            assertThrows(IllegalStateException.class, K6CloudEngine::get);

            K6CloudEngine.open(); // the next Jenkins starts in the same JVM
            RunEngine engine = K6CloudEngine.get();
            assertSame(engine, K6CloudEngine.get());
            CompletableFuture<Void> closed = K6CloudEngine.whenClosed(engine);
            long testId = sim.addLoadTest("reopened", Scenarios.passes());
            CompletableFuture<Thread> startedOn = new CompletableFuture<>();
            engine.start(
                    testId,
                    RunSettings.of(
                            sim.webAppUrl(),
                            Duration.ofMinutes(10),
                            RunSettings.DEFAULT_TIMEOUT,
                            BuildResult.FAILURE,
                            true),
                    client(),
                    new RunEvents() {
                        @Override
                        public void onStarted(WatchState state) {
                            startedOn.complete(Thread.currentThread());
                        }
                    });
            Thread thread = startedOn.get(30, TimeUnit.SECONDS);
            assertThat(thread.getName(), startsWith(K6CloudEngine.THREAD_NAME_PREFIX + "-"));
            assertFalse(closed.isDone());

            new K6CloudEngine.BeforeShutdown().onBeforeShutdown();

            assertTrue("the waits for its outcomes are told", closed.isDone());
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse("its threads were stopped", thread.isAlive());
            assertTrue(K6CloudEngine.whenClosed(engine).isDone());
            K6CloudEngine.open();
            RunEngine fresh = K6CloudEngine.get();
            assertNotSame("a fresh engine", engine, fresh);
            CompletableFuture<Void> freshClosed = K6CloudEngine.whenClosed(fresh);
            assertFalse("the fresh engine has a wait of its own", freshClosed.isDone());
            K6CloudEngine.shutdown();
            assertTrue(freshClosed.isDone());
        } finally {
            K6CloudEngine.shutdown();
            K6CloudEngine.open();
        }
    }

    private HttpK6CloudClient client() {
        return new HttpK6CloudClient(
                ApiFlavour.V2,
                http,
                sim.uri(),
                ApiToken.of(sim.token()),
                ClientOptions.defaults().withRetryPolicy(RetryPolicy.noRetries()));
    }
}
