package io.jenkins.plugins.k6cloud.pipeline;

import static org.junit.Assert.assertTrue;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.k6cloud.FakeTaskListener;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.engine.Scheduler;
import io.jenkins.plugins.k6cloud.engine.Scheduler.ThreadPoolScheduler;
import io.jenkins.plugins.k6cloud.engine.VirtualScheduler;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import io.jenkins.plugins.k6cloud.testing.ManualClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * {@code k6CloudRun} step executions outside Jenkins, in one "JVM": a fake context, and in place of Jenkins'
 * the given preparation, client, engine and clock, with one preparation thread of its own (so that a task
 * scheduled after the preparation runs after it). With a {@link ManualClock} the engine runs in virtual time
 * on the test's thread; the fault matrix gives its own engine.
 */
public final class StepPlay implements K6CloudRunStepExecution.Support {
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration LONG_ENOUGH = Duration.ofHours(4);

    final FakeStepContext context;
    final FakeTaskListener log;
    final RunEngine engine;
    final ThreadPoolScheduler preparations = new ThreadPoolScheduler("k6-test-preparation", 1);
    /** The engine's virtual time; {@code null} with an engine of the caller's. */
    final VirtualScheduler scheduler;
    /** Counted down when the execution hands its run to the engine (the engine's first task). */
    final CountDownLatch scheduled = new CountDownLatch(1);

    final CountDownLatch preparing = new CountDownLatch(1);
    final Set<String> prepareThreads = ConcurrentHashMap.newKeySet();
    final AtomicInteger engineCalls = new AtomicInteger();
    /** How often the upload's client was asked for; the run's clients after a restart ask for these. */
    final AtomicInteger uploadClients = new AtomicInteger();

    final List<RunConfig.Connection> reconnected = new CopyOnWriteArrayList<>();
    /** When set, the preparation waits for it. */
    volatile CountDownLatch holdPrepare;
    /** The credentials cannot be read any more (after a restart). */
    volatile boolean tokenGone;

    private final Clock clock;
    private final Function<RunConfig.Options, RunConfig.Prepared> prepare;
    private final K6CloudClient client;
    K6CloudRunStepExecution execution;

    /** An engine in virtual time on {@code clock}. */
    StepPlay(
            FakeStepContext context,
            ManualClock clock,
            Function<RunConfig.Options, RunConfig.Prepared> prepare,
            K6CloudClient client) {
        this.context = context;
        this.log = (FakeTaskListener) context.get(TaskListener.class);
        this.clock = clock;
        this.prepare = prepare;
        this.client = client;
        VirtualScheduler virtual = new VirtualScheduler(clock);
        this.scheduler = virtual;
        this.engine = new RunEngine(
                new Scheduler() {
                    @Override
                    public Future<?> schedule(Runnable task, long delayMillis) {
                        Future<?> f = virtual.schedule(task, delayMillis);
                        scheduled.countDown();
                        return f;
                    }

                    @Override
                    public void close() {
                        virtual.close();
                    }
                },
                clock);
    }

    /**
     * Starts {@code k6CloudRun} with {@code options} and no test id ({@code script} names the load test), for
     * the fault matrix.
     *
     * @param workspace what {@code context.get(FilePath.class)} gives
     */
    public StepPlay(
            RunConfig.Options options,
            RunConfig.Connection connection,
            RunSettings settings,
            K6CloudClient client,
            RunEngine engine,
            Clock clock,
            Path workspace) {
        this.log = new FakeTaskListener();
        this.context = new FakeStepContext()
                .with(Run.class, new FakeBuild())
                .with(TaskListener.class, log)
                .with(FilePath.class, new FilePath(workspace.toFile()))
                .with(EnvVars.class, new EnvVars());
        this.clock = clock;
        this.prepare = o -> new RunConfig.Prepared(settings, client, connection);
        this.client = client;
        this.engine = engine;
        this.scheduler = null;
        start(0, options);
    }

    /** A new execution of this play's context, started. */
    K6CloudRunStepExecution start(long testId, RunConfig.Options options) {
        execution = new K6CloudRunStepExecution(context, testId, options);
        execution.use(this);
        execution.start();
        return execution;
    }

    /** {@code saved}, read back after a restart into this play, resumed. */
    K6CloudRunStepExecution resume(K6CloudRunStepExecution saved) {
        execution = saved;
        saved.use(this);
        saved.onResume();
        return saved;
    }

    @Override
    public RunConfig.Prepared prepare(Run<?, ?> run, EnvVars env, RunConfig.Options options) {
        prepareThreads.add(Thread.currentThread().getName());
        preparing.countDown();
        CountDownLatch hold = holdPrepare;
        try {
            if (hold != null) {
                assertTrue(hold.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return prepare.apply(options);
    }

    /** The upload's, the metrics read's or a resumed run's client, told apart by their call timeouts. */
    @Override
    public K6CloudClient client(Run<?, ?> run, EnvVars env, RunConfig.Connection c, ClientOptions options)
            throws AbortException {
        if (options.callTimeout().equals(c.uploadOptions().callTimeout())) {
            uploadClients.incrementAndGet();
        } else if (options.callTimeout().equals(c.runOptions().callTimeout())) {
            reconnected.add(c);
        }
        if (tokenGone) {
            throw new AbortException("Cannot find the credentials '" + c.credentialsId() + "'");
        }
        return client;
    }

    @Override
    public RunEngine engine() {
        engineCalls.incrementAndGet();
        return engine;
    }

    @Override
    public Scheduler preparations() {
        return preparations;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** Waits until the execution handed its run to the engine, then runs the engine until the step ended. */
    void runUntilEnded() throws Exception {
        assertTrue(
                "the execution never handed the run to the engine",
                scheduled.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        scheduler.runUntilDone(context.end, LONG_ENOUGH);
        failure(WAIT); // the end is reported on the preparations' thread, in real time
    }

    void runUntil(BooleanSupplier condition, String what) throws InterruptedException {
        assertTrue(
                "the execution never handed the run to the engine",
                scheduled.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        long end = clock.millis() + LONG_ENOUGH.toMillis();
        while (!condition.getAsBoolean()) {
            if (clock.millis() > end || scheduler.pending() == 0) {
                throw new AssertionError("never happened: " + what);
            }
            scheduler.advance(Duration.ofMillis(500));
        }
    }

    /** Waits until the console holds {@code text}, at most {@code bound}. */
    public boolean awaitLog(String text, Duration bound) throws InterruptedException {
        return log.awaitText(text, bound);
    }

    public String log() {
        return log.text();
    }

    /** Stops the step, as an abort of the build does. */
    public void stop(Throwable cause) {
        execution.stop(cause);
    }

    /** How the step ended: the failure it reported, or {@code null} when it succeeded; waits at most {@code bound}. */
    public Throwable failure(Duration bound) throws Exception {
        try {
            context.end.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Waits until the step's preparation has returned, at most {@code bound}, stops its thread and says how long it took. */
    public Duration awaitPreparation(Duration bound) throws Exception {
        long began = System.nanoTime();
        try {
            preparations.schedule(() -> {}, 0).get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return Duration.ofNanos(System.nanoTime() - began);
        } finally {
            preparations.close();
        }
    }

    /** How often the step saved its state (a saved state is what a restart resumes). */
    public int saves() {
        return context.saves.get();
    }

    /** How often the step ended (it must end exactly once). */
    public int endings() {
        return context.endings.get();
    }

    /** Closes this play's threads and engine. */
    void close() {
        engine.close();
        preparations.close();
    }
}
