package io.jenkins.plugins.k6cloud.pipeline;

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
import io.jenkins.plugins.k6cloud.support.RunConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One {@code k6CloudRun} step execution outside Jenkins, for the fault matrix: a fake build and
 * context with a workspace, and the given client, engine and clock in place of Jenkins'.
 */
public final class StepPlay {
    private final FakeStepContext context;
    private final FakeTaskListener log = new FakeTaskListener();
    private final K6CloudRunStepExecution execution;
    /** Where the step prepares and uploads: one thread, closed by {@link #awaitPreparation}. */
    private final ThreadPoolScheduler preparations = new ThreadPoolScheduler("k6-faults-preparation", 1);

    /**
     * Starts {@code k6CloudRun} with {@code options} and no test id ({@code script} names the load test).
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
        context = new FakeStepContext()
                .with(Run.class, new FakeBuild())
                .with(TaskListener.class, log)
                .with(FilePath.class, new FilePath(workspace.toFile()))
                .with(EnvVars.class, new EnvVars());
        execution = new K6CloudRunStepExecution(context, 0, options);
        execution.use(new K6CloudRunStepExecution.Support() {
            @Override
            public RunConfig.Prepared prepare(Run<?, ?> run, EnvVars env, RunConfig.Options o) {
                return new RunConfig.Prepared(settings, client, connection);
            }

            @Override
            public K6CloudClient client(Run<?, ?> run, EnvVars env, RunConfig.Connection c, ClientOptions options) {
                return client;
            }

            @Override
            public RunEngine engine() {
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
        });
        execution.start();
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

    /**
     * Waits until the step's preparation (and upload) has returned, at most {@code bound}, and stops its
     * thread.
     *
     * @return how long the wait took
     */
    public Duration awaitPreparation(Duration bound) throws Exception {
        long began = System.nanoTime();
        try {
            // one thread: once this task ran, the preparation has returned
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
}
