package io.jenkins.plugins.k6cloud;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.RetryPolicy;
import io.jenkins.plugins.k6cloud.engine.Cancellable;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.engine.RunHandle;
import io.jenkins.plugins.k6cloud.engine.RunListener;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.engine.Scheduler;
import io.jenkins.plugins.k6cloud.engine.ThreadPoolScheduler;
import io.jenkins.plugins.k6cloud.engine.WatchState;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The controller's engine at shutdown: freestyle runs (which cannot resume) are stopped in k6
 * Cloud, Pipeline runs are left for their resume, and no new engine is made afterwards.
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
                        public Cancellable schedule(Runnable task, long delayMillis) {
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
        RunSettings settings = RunSettings.defaults()
                .withWebAppUrl(sim.webAppUrl())
                .withPollInterval(Duration.ofMinutes(10))
                .withTimeout(Duration.ofDays(1));
        CountDownLatch bothStarted = new CountDownLatch(2);
        RunListener started = new RunListener() {
            @Override
            public void onStarted(WatchState state) {
                bothStarted.countDown();
            }
        };
        RunHandle freestyle = K6CloudBuilder.start(engine, testId, new PreparedRun(settings, client(), null), started);
        RunHandle pipeline = engine.start(testId, settings, client(), started);
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
    public void shutdownBeforeAnyUseMakesNoEngine() {
        AtomicInteger made = new AtomicInteger();
        K6CloudEngine.Lifecycle lifecycle = new K6CloudEngine.Lifecycle(() -> {
            made.incrementAndGet();
            return RunEngine.withThreads("k6-engine-test", 1);
        });
        lifecycle.shutdown();
        assertThrows(IllegalStateException.class, lifecycle::get);
        assertEquals(0, made.get());
    }

    @Test
    public void runClientsRetryBrieflyAndLeaveLongerOutagesToTheEngine() {
        ClientOptions run = K6CloudClients.runOptions(GlobalSettings.defaults());
        assertEquals(2, run.retryPolicy().maxAttempts());
        assertTrue(run.retryPolicy().budget().compareTo(Duration.ofSeconds(10)) <= 0);
        assertEquals(Duration.ofSeconds(30), run.callTimeout());

        ClientOptions lookup = K6CloudClients.lookupOptions(GlobalSettings.defaults());
        assertEquals(1, lookup.retryPolicy().maxAttempts());
        assertTrue(lookup.callTimeout().compareTo(Duration.ofSeconds(5)) <= 0);
        assertTrue(lookup.readTimeout().compareTo(Duration.ofSeconds(5)) <= 0);
        assertEquals(
                1,
                K6CloudClients.formCheckOptions(GlobalSettings.defaults())
                        .retryPolicy()
                        .maxAttempts());
        assertEquals(4, K6CloudEngine.THREADS);
    }

    private HttpK6CloudClient client() {
        return new HttpK6CloudClient(
                http,
                sim.uri(),
                ApiToken.of(sim.token()),
                ClientOptions.builder().retryPolicy(RetryPolicy.noRetries()).build());
    }
}
