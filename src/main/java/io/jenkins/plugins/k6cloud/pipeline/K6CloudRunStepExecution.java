package io.jenkins.plugins.k6cloud.pipeline;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.k6cloud.action.K6CloudRunAction;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.LoadTest;
import io.jenkins.plugins.k6cloud.api.Threshold;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.engine.RunWatch;
import io.jenkins.plugins.k6cloud.engine.Scheduler;
import io.jenkins.plugins.k6cloud.engine.WatchState;
import io.jenkins.plugins.k6cloud.support.FormChecks;
import io.jenkins.plugins.k6cloud.support.K6CloudEngine;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import io.jenkins.plugins.k6cloud.support.RunMetricsRead;
import io.jenkins.plugins.k6cloud.support.TestsAsCode;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.CauseOfInterruption;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs {@code k6CloudRun} without blocking the CPS VM thread: {@link #start()} only schedules the
 * preparation (credentials, client, the script's upload) on the plugin's own threads
 * ({@link K6CloudEngine#preparations()}: an upload may take minutes, too long for Jenkins' shared timer),
 * where a stop interrupts it; the start request is sent once the first
 * state is saved (a callback, no thread waits for it); the engine follows the run on its own
 * threads. The engine's {@link WatchState} and the API connection are saved with the Pipeline, so
 * after a restart {@link #onResume()} follows the same run, with the same API, instead of starting
 * a second one. A step that has its outcome saves it first, and reports that after a restart. A step
 * that Jenkins' shutdown catches before it handed its run to the engine saves no state (see
 * {@link #writeObject}): it stays pending and, after the restart, prepares again and starts the run once.
 */
public class K6CloudRunStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(K6CloudRunStepExecution.class.getName());
    /** How long the first state may take to be saved before the step gives up without starting a run. */
    static final Duration SAVE_WAIT = Duration.ofSeconds(30);
    /** Added to the run's cancel wait before a stopped step ends whatever k6 Cloud says. */
    static final Duration STOP_MARGIN = Duration.ofSeconds(30);

    private final long testId;
    private final RunConfig.Options options;
    private volatile WatchState state;
    /** The API the run was started with; saved with the first state. */
    private volatile RunConfig.Connection connection;
    /** The value the step ends with, saved before it is reported; {@code null} while the run is followed. */
    private volatile Map<String, Object> endValue;
    /** The name and project of the load test the script was uploaded to; {@code null} without a script. */
    private volatile String uploadedTestName;

    private volatile Long uploadedProjectId;

    private transient volatile RunWatch handle;
    private transient StepLifecycle lifecycle;
    private transient volatile Support support;

    @SuppressFBWarnings(
            value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "a task of this JVM's threads; after a restart onResume() submits a new one")
    private transient volatile Future<?> preparation;
    /** The engine this step hands its new run to, once prepared; {@code null} before, and after a restart. */
    private transient volatile RunEngine engineForStart;
    /** Sets the run's note once its id is known (v6); {@code null} before the preparation, or without v6. */
    private transient volatile TestsAsCode.Note note;

    K6CloudRunStepExecution(StepContext context, long testId, RunConfig.Options options) {
        super(context);
        this.testId = testId;
        this.options = options;
    }

    /** Replaces what the execution takes from Jenkins (tests; also after deserialisation in tests). */
    void use(Support support) {
        this.support = support;
    }

    /** The preparation scheduled by {@link #start()} or {@link #onResume()} (for tests). */
    Future<?> preparation() {
        return preparation;
    }

    private Support support() {
        Support s = support;
        return s != null ? s : Support.JENKINS;
    }

    /**
     * What the execution takes from the rest of the plugin: the prepared run (settings, client and
     * connection), a client of the saved connection (after a restart, for the upload, for the metrics
     * read), the engine, its clock and the threads of the preparation. {@link #JENKINS} in Jenkins;
     * tests give a simulator's client and an engine in virtual time.
     */
    interface Support {
        RunConfig.Prepared prepare(Run<?, ?> run, EnvVars env, RunConfig.Options options) throws AbortException;

        /** {@link RunConfig.Connection#clientForRun}. */
        K6CloudClient client(Run<?, ?> run, EnvVars env, RunConfig.Connection connection, ClientOptions options)
                throws AbortException;

        RunEngine engine();

        /** The threads the step prepares on ({@link K6CloudEngine#preparations()}). */
        Scheduler preparations();

        Clock clock();

        Support JENKINS = new Support() {
            @Override
            public RunConfig.Prepared prepare(Run<?, ?> run, EnvVars env, RunConfig.Options options)
                    throws AbortException {
                return RunConfig.prepare(run, env, options);
            }

            @Override
            public K6CloudClient client(
                    Run<?, ?> run, EnvVars env, RunConfig.Connection connection, ClientOptions options)
                    throws AbortException {
                return connection.clientForRun(run, env, options);
            }

            @Override
            public RunEngine engine() {
                return K6CloudEngine.get();
            }

            @Override
            public Scheduler preparations() {
                return K6CloudEngine.preparations();
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }
        };
    }

    @Override
    public boolean start() {
        prepareLater();
        return false;
    }

    /**
     * Schedules {@link #prepareAndStart} on the preparations' threads. When Jenkins is shutting down
     * there are none: the step saves no state and prepares after the restart ({@link #onResume()}).
     */
    private void prepareLater() {
        try {
            preparation = support().preparations().schedule(this::prepareAndStart, 0);
        } catch (IllegalStateException | RejectedExecutionException shuttingDown) {
            LOGGER.log(Level.INFO, "k6CloudRun prepares after the restart", shuttingDown);
        }
    }

    @Override
    public void onResume() {
        Map<String, Object> end = endValue;
        if (end != null) {
            // the outcome was saved, but Jenkins stopped before the step reported it: report it now
            preparation = Timer.get().submit(() -> reportSavedEnd(end));
            return;
        }
        if (state == null) {
            // no start request was sent before the restart: it is sent only once a state is saved, and a
            // step that Jenkins' shutdown kept from starting its run saves none (writeObject)
            prepareLater();
            return;
        }
        preparation = Timer.get().submit(this::resume);
    }

    /**
     * Saves this step with the Pipeline. A step that has not handed its run to the engine by the time
     * the engine is closed saves no state, so that it prepares again and starts the run once after the
     * restart. That is safe: nothing was sent to k6 Cloud, and nothing will be in this JVM, since
     * {@link #follow} checks the same under this monitor. Jenkins closes the engine in
     * {@code ItemListener.onBeforeShutdown} ({@link K6CloudEngine}), before
     * its {@code @Terminator}s, among them workflow-cps' {@code CpsFlowExecution.suspendAll}, which
     * saves every Pipeline program a last time: that save is the one that forgets. A state saved
     * while the engine was open is kept as it is: after a crash nobody can tell whether the start
     * request went out, so the restart looks for the run and never starts a second one.
     */
    private void writeObject(ObjectOutputStream out) throws IOException {
        synchronized (this) {
            RunEngine e = engineForStart;
            if (handle == null && e != null && e.isClosed()) {
                state = null;
                connection = null;
            }
        }
        out.defaultWriteObject();
    }

    /** While the start request is in flight a restart would have to guess which run is ours. */
    @Override
    public boolean blocksRestart() {
        WatchState s = state;
        return !lifecycle().isEnded() && endValue == null && (s == null || s.runId() == null);
    }

    @Override
    public void stop(Throwable cause) {
        RunWatch h;
        synchronized (this) {
            if (!lifecycle().requestStop(cause)) {
                return;
            }
            h = handle;
        }
        if (h != null) {
            // a second stop arrives here too: the engine then stops waiting for k6 Cloud
            h.cancel(lifecycle().stopReason());
        } else if (state == null) {
            // no start was sent: the preparation is called off, or interrupted (an upload's call ends with
            // K6CloudException.InterruptedCallException, retries are not waited for), and starts nothing
            Future<?> p = preparation;
            if (p != null) {
                p.cancel(true);
            }
            end(cause);
            return;
        }
        Duration bound = (state == null ? Duration.ZERO : state.settings().cancelWait()).plus(STOP_MARGIN);
        Timer.get()
                .schedule(
                        () -> {
                            RunWatch late = handle;
                            if (late != null) {
                                late.cancel("stop waiting");
                            }
                            end(cause);
                        },
                        bound.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    @Override
    public String getStatus() {
        RunWatch h = handle;
        if (h != null) {
            return h.status();
        }
        return state == null
                ? Messages.K6CloudRunStepExecution_StatusPreparing()
                : Messages.K6CloudRunStepExecution_StatusResuming();
    }

    /** On the preparations' threads: credentials, client, upload, then the first save; the start follows in a callback. */
    private void prepareAndStart() {
        StepContext context = getContext();
        try {
            if (endedOnStop()) {
                return;
            }
            // the workspace only with script or junitFile: without them the step needs no node {}
            FilePath workspace = options.needsWorkspace() ? context.get(FilePath.class) : null;
            TestsAsCode.check(testId == 0 ? null : testId, options, workspace);
            if (testId != 0) {
                checkTestId();
            }
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            EnvVars env = context.get(EnvVars.class);
            RunConfig.Prepared prepared = support().prepare(run, env, options);
            TestsAsCode.checkFlavour(options, prepared.connection().apiFlavour());
            if (endedOnStop()) {
                return; // stopped while the credentials were looked up: save nothing, start nothing
            }
            long startTestId = testId;
            if (options.script() != null) {
                // nothing is saved yet: a restart from here on uploads again and starts once
                LoadTest uploaded = TestsAsCode.upload(
                        support()
                                .client(
                                        run,
                                        env,
                                        prepared.connection(),
                                        prepared.connection().uploadOptions()),
                        testId == 0 ? null : testId,
                        options,
                        workspace,
                        listener.getLogger());
                if (endedOnStop()) {
                    return; // stopped during the upload: start nothing
                }
                startTestId = uploaded.id();
                uploadedTestName = uploaded.name();
                uploadedProjectId = uploaded.projectId();
            }
            note = TestsAsCode.Note.of(prepared, options, env, listener.getLogger());
            RunEngine runEngine = openEngine();
            if (runEngine == null) {
                waitForTheRestart(listener); // with no state: prepared again after the restart
                return;
            }
            engineForStart = runEngine; // from here on, a save after the engine closed forgets the state (writeObject)
            connection = prepared.connection();
            // saved before the start request, so that a restart from here on can find the run
            ListenableFuture<Void> saved = persist(WatchState.beforeStart(
                    startTestId, prepared.settings(), support().clock().millis()));
            Futures.addCallback(
                    Futures.withTimeout(saved, SAVE_WAIT.toMillis(), TimeUnit.MILLISECONDS, Timer.get()),
                    new FutureCallback<Void>() {
                        @Override
                        public void onSuccess(Void result) {
                            follow(false, runEngine, prepared.settings(), prepared.client(), run, listener);
                        }

                        @Override
                        public void onFailure(Throwable t) {
                            if (runEngine.isClosed()) {
                                waitForTheRestart(listener); // the last save, after the close, forgets the state
                                return;
                            }
                            LOGGER.log(Level.WARNING, "k6CloudRun could not save its state", t);
                            if (!endedOnStop()) {
                                end(new AbortException(Messages.K6CloudRunStepExecution_SaveFailed(
                                        t instanceof TimeoutException
                                                ? "Jenkins did not save it within " + SAVE_WAIT.toSeconds() + " s"
                                                : String.valueOf(t.getMessage()))));
                            }
                        }
                    },
                    Timer.get());
        } catch (InterruptedException e) {
            // a stop (it ends the step), or Jenkins shutting down (the step stays pending, with no state saved)
            if (!endedOnStop() && openEngine() != null) {
                end(e);
            }
        } catch (Exception e) {
            fail("start", e);
        }
    }

    /** Ends the step with the stop's cause when a stop was requested before a run was started. */
    private boolean endedOnStop() {
        Throwable stopCause = lifecycle().stopCause();
        if (stopCause == null) {
            return false;
        }
        end(stopCause);
        return true;
    }

    /** Ends the step with {@code failure}, unless it has ended already. */
    private void end(Throwable failure) {
        lifecycle().end(() -> getContext().onFailure(failure));
    }

    /** Ends the step with {@code e}; one that is not an {@link AbortException} (which says what to fix) is logged. */
    private void fail(String what, Throwable e) {
        if (!(e instanceof AbortException)) {
            LOGGER.log(Level.WARNING, "k6CloudRun could not " + what, e);
        }
        end(e);
    }

    /** On the timer after a restart: a client of the saved connection (only the token is read again). */
    private void resume() {
        StepContext context = getContext();
        try {
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            K6CloudClient client = clientForResume(run, context.get(EnvVars.class));
            RunEngine runEngine = openEngine();
            if (runEngine == null) {
                waitForTheRestart(listener); // the saved state is kept: resumed again after the restart
                return;
            }
            follow(true, runEngine, state.settings(), client, run, listener);
        } catch (Exception e) {
            fail("resume", e);
        }
    }

    private K6CloudClient clientForResume(Run<?, ?> run, EnvVars env) throws Exception {
        try {
            return support().client(run, env, connection, connection.runOptions());
        } catch (AbortException e) {
            WatchState s = state;
            String link = s.webUrl();
            throw new AbortException(
                    s.runId() == null || link == null
                            ? Messages.K6CloudRunStepExecution_CannotResumeUnknownRun(s.testId(), e.getMessage())
                            : Messages.K6CloudRunStepExecution_CannotResume(s.runId(), e.getMessage(), link));
        }
    }

    /** The controller's engine, or {@code null} when Jenkins is shutting down (not under this execution's monitor). */
    private RunEngine openEngine() {
        try {
            RunEngine e = support().engine();
            return e.isClosed() ? null : e;
        } catch (IllegalStateException shuttingDown) {
            return null;
        }
    }

    /** Jenkins is shutting down: the step neither starts nor follows a run now, and stays pending. */
    private void waitForTheRestart(TaskListener listener) {
        listener.getLogger().println(Messages.K6CloudRunStepExecution_AfterRestart());
    }

    /**
     * Hands the run to {@code engine} (start or re-attach), unless the step was stopped before a
     * start, or the engine was closed (Jenkins is shutting down): then the step stays pending.
     */
    private void follow(
            boolean resuming,
            RunEngine engine,
            RunSettings settings,
            K6CloudClient client,
            Run<?, ?> run,
            TaskListener listener) {
        try {
            PipelineRunListener engineListener = new PipelineRunListener(listener);
            RunWatch h;
            boolean stopNow;
            synchronized (this) {
                // a resumed run is followed even when stopped meanwhile, so that it is stopped in k6 Cloud
                if (!resuming && (lifecycle().isEnded() || lifecycle().isStopRequested())) {
                    end(lifecycle().stopCause());
                    return;
                }
                if (engine.isClosed()) {
                    // nothing was sent; the last save forgets a new run's state (writeObject), keeps a resumed one
                    waitForTheRestart(listener);
                    return;
                }
                h = resuming
                        ? engine.resume(state, client, engineListener)
                        : engine.start(state.testId(), settings, client, engineListener);
                handle = h;
                stopNow = lifecycle().isStopRequested();
            }
            if (stopNow) {
                // stopped while Jenkins restarted: stop the run we follow again
                h.cancel(lifecycle().stopReason());
            }
            // on the timer, not on the thread that completed the outcome (e.g. the CPS VM thread of a second stop)
            h.outcome().whenCompleteAsync((outcome, error) -> finishOrFail(outcome, error, run, listener), Timer.get());
        } catch (RuntimeException e) {
            fail("hand the run to the engine", e);
        }
    }

    private void checkTestId() throws AbortException {
        try {
            FormChecks.parseTestId(Long.toString(testId));
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** Ends the step whatever happens: with the outcome, or with what went wrong on the way there. */
    private void finishOrFail(RunOutcome outcome, Throwable error, Run<?, ?> run, TaskListener listener) {
        try {
            if (error != null) {
                throw error;
            }
            finish(outcome, run, listener);
        } catch (Throwable t) {
            fail("report the outcome of its run", t);
        }
    }

    /** After the verdict and the metrics (the checks), through the agent's FilePath; a failure is a warning. */
    private void writeJUnit(RunOutcome outcome, RunMetricsRead.Read read, TaskListener listener) {
        if (options.junitFile() == null || lifecycle().stopCause() != null) {
            return;
        }
        try {
            FilePath workspace = getContext().get(FilePath.class);
            if (workspace != null) {
                TestsAsCode.writeJUnit(workspace, options.junitFile(), outcome, read.checks(), listener.getLogger());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the timer is shutting down: end the step without it
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "k6CloudRun could not reach the workspace for the JUnit file", e);
            listener.getLogger().println("WARNING: the JUnit file was not written: " + e.getMessage());
        }
    }

    private void finish(RunOutcome engineOutcome, Run<?, ?> run, TaskListener listener) {
        RunOutcome outcome = engineOutcome;
        RunMetricsRead.Read read = null;
        RunConfig.Connection c = connection;
        if (lifecycle().stopCause() == null && c != null && outcome.followedToItsEnd()) {
            // on the timer (finishOrFail), never the CPS VM thread; before the end is saved, so that a
            // restart during the read follows the ended run again and reads them then
            try {
                read = RunMetricsRead.afterVerdict(
                        () -> support().client(run, getContext().get(EnvVars.class), c, c.metricsOptions()),
                        outcome,
                        run,
                        options);
                outcome = read.outcome(); // REGRESSED when the regression gate says so
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the timer is shutting down: end the step without them
            }
        }
        Map<String, Object> value = returnValue(outcome);
        K6CloudRunAction action = K6CloudRunAction.of(outcome);
        if (uploadedTestName != null || uploadedProjectId != null) {
            value.put("testName", uploadedTestName);
            value.put("projectId", uploadedProjectId);
            action.recordUpload(uploadedTestName, uploadedProjectId);
        }
        if (read != null) {
            read.report(listener.getLogger(), action);
            value.put("metrics", read.returnValue());
            writeJUnit(outcome, read, listener);
        }
        if (lifecycle().stopCause() == null) {
            endValue = value;
            getContext().saveState(); // a restart from here on reports this end, without following the run
        }
        lifecycle().end(() -> {
            try {
                run.addAction(action);
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "could not record the k6 Cloud run on " + run, e);
            }
            Throwable stopCause = lifecycle().stopCause();
            if (stopCause != null) {
                getContext().onFailure(stopCause);
                return;
            }
            try {
                report(value, run, listener);
            } catch (RuntimeException e) {
                // the end is recorded already: the step must still be told, or it would never end
                LOGGER.log(Level.WARNING, "k6CloudRun could not report its end", e);
                getContext().onFailure(e);
            }
        });
    }

    /**
     * The value {@code k6CloudRun} returns: a map of plain, serialisable values (strings, numbers,
     * booleans, lists and maps of them), so a sandboxed Pipeline can read {@code result.runId} and
     * keep it across a restart. Its keys are documented in the README.
     */
    static Map<String, Object> returnValue(RunOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", o.runId());
        m.put("testId", o.testId());
        m.put("url", o.webUrl());
        m.put("runStatus", o.runStatus().name());
        m.put("processingStatus", o.processingStatus().name());
        m.put("resultStatus", o.resultStatus().name());
        m.put("verdict", o.verdict().name());
        m.put("result", o.buildResult().name());
        m.put("message", o.message());
        m.put("duration", o.followedFor() == null ? 0L : o.followedFor().toSeconds());
        m.put("vus", o.vus());
        List<Map<String, Object>> thresholds = new ArrayList<>();
        for (Threshold t : o.thresholds()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", t.name());
            row.put("stat", t.stat());
            row.put("value", t.value());
            row.put("passed", t.passed());
            thresholds.add(row);
        }
        m.put("thresholds", thresholds);
        return m;
    }

    private void reportSavedEnd(Map<String, Object> value) {
        lifecycle().end(() -> {
            try {
                report(value, getContext().get(Run.class), getContext().get(TaskListener.class));
            } catch (Exception e) {
                getContext().onFailure(e);
            }
        });
    }

    /** Ends the step as the run's build result says: the value, a warning, an abort or a failure. */
    private void report(Map<String, Object> value, Run<?, ?> run, TaskListener listener) {
        String message = String.valueOf(value.get("message"));
        switch (String.valueOf(value.get("result"))) {
            case "SUCCESS":
                getContext().onSuccess(value);
                break;
            case "UNSTABLE":
                // what the unstable step does: the warning on this step's node, the build's result, a log line
                try {
                    FlowNode node = getContext().get(FlowNode.class);
                    if (node != null) {
                        node.addAction(new WarningAction(Result.UNSTABLE).withMessage(message));
                    }
                } catch (IOException | InterruptedException e) {
                    LOGGER.log(Level.FINE, "no flow node for the warning of k6CloudRun", e);
                }
                run.setResult(Result.UNSTABLE);
                listener.getLogger().println(Messages.K6CloudRunStepExecution_Unstable(message));
                getContext().onSuccess(value);
                break;
            case "ABORTED":
                // a person stopped the run in the k6 web app: the build shows it was aborted. Not an
                // interruption of the build (nobody aborted it in Jenkins), so catchError catches it and the
                // Pipeline goes on; the real CatchErrorStep sets the build and stage to this exception's
                // result, ABORTED, whatever its buildResult says (README: "Pipeline jobs")
                getContext()
                        .onFailure(new FlowInterruptedException(Result.ABORTED, false, new RunStoppedCause(message)));
                break;
            default:
                getContext().onFailure(new AbortException(message));
                break;
        }
    }

    /** Why a step ended as aborted: the run was stopped in k6 Cloud (e.g. in the web app). */
    static final class RunStoppedCause extends CauseOfInterruption {
        private static final long serialVersionUID = 1L;

        private final String message;

        RunStoppedCause(String message) {
            this.message = message;
        }

        @Override
        public String getShortDescription() {
            return message;
        }
    }

    private ListenableFuture<Void> persist(WatchState s) {
        state = s;
        return getContext().saveState();
    }

    private synchronized StepLifecycle lifecycle() {
        if (lifecycle == null) {
            lifecycle = new StepLifecycle();
        }
        return lifecycle;
    }

    /**
     * Prints the engine's lines and saves every new state with the Pipeline, on the timer: the
     * engine may call from its own threads or from the thread of a stop (the CPS VM thread).
     */
    private final class PipelineRunListener extends K6CloudEngine.Console {
        PipelineRunListener(TaskListener listener) {
            super(listener);
        }

        @Override
        public void onStarted(WatchState s) {
            state = s;
            saveLater();
            TestsAsCode.Note n = note;
            if (n != null) {
                n.set(s.runId());
            }
        }

        @Override
        public void onStateChanged(WatchState s) {
            if (endValue == null) {
                state = s;
                saveLater();
            }
        }

        /** Each save writes the latest state, so their order does not matter. */
        private void saveLater() {
            Timer.get().execute(() -> {
                try {
                    getContext().saveState();
                } catch (RuntimeException e) {
                    LOGGER.log(Level.WARNING, "k6CloudRun could not save its state", e);
                }
            });
        }
    }
}
