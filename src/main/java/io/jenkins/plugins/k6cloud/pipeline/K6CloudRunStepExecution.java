package io.jenkins.plugins.k6cloud.pipeline;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.LoadTest;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.engine.RunWatch;
import io.jenkins.plugins.k6cloud.engine.WatchState;
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
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import jenkins.model.CauseOfInterruption;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * {@code k6CloudRun} without an executor: preparation, resume and metrics read run on
 * {@link K6CloudEngine#preparations()} (an upload may take minutes, too long for Jenkins' shared timer); the start
 * request goes out once the first state is saved. The {@link WatchState}, the connection and the end value are
 * saved with the Pipeline, so a restart follows the same run, or reports the saved end, and never starts a second.
 */
@SuppressFBWarnings(
        value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
        justification = "the transient fields belong to this JVM (its threads, its engine); onResume() starts afresh")
public class K6CloudRunStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(K6CloudRunStepExecution.class.getName());
    static final Duration SAVE_WAIT = Duration.ofSeconds(30);
    /** Added to the run's cancel wait before a stopped step ends whatever k6 Cloud says. */
    static final Duration STOP_MARGIN = Duration.ofSeconds(30);

    private static final Support JENKINS = new Support() {};

    private final long testId;
    private final RunConfig.Options options;
    private volatile WatchState state;
    private volatile RunConfig.Connection connection;
    /** Saved before it is reported; {@code null} while the run is followed. */
    private volatile Map<String, Object> endValue;
    /** The load test the script was uploaded to; {@code null} without a script. */
    private volatile String uploadedTestName;

    private volatile Long uploadedProjectId;

    private transient volatile RunWatch handle;
    private transient volatile Support support;

    private transient volatile Future<?> preparation;
    /** The engine a new run is handed to, once prepared; {@code null} before, and after a restart. */
    private transient volatile RunEngine engineForStart;

    private transient volatile TestsAsCode.Note note;
    /** The end is reported exactly once (guarded by {@code this}). */
    private transient boolean ended;

    private transient Throwable stopCause;

    K6CloudRunStepExecution(StepContext context, long testId, RunConfig.Options options) {
        super(context);
        this.testId = testId;
        this.options = options;
    }

    /** What the execution takes from the plugin; tests give a simulator's client, virtual time, their own threads. */
    interface Support extends TestsAsCode.Preparer {
        default RunEngine engine() {
            return K6CloudEngine.get();
        }

        default Clock clock() {
            return Clock.systemUTC();
        }
    }

    void use(Support support) {
        this.support = support;
    }

    Future<?> preparation() {
        return preparation;
    }

    private Support support() {
        Support s = support;
        return s != null ? s : JENKINS;
    }

    @Override
    public boolean start() {
        preparation = later(this::prepareAndStart);
        return false;
    }

    @Override
    public void onResume() {
        Map<String, Object> end = endValue;
        // without a state no start request was sent (it waits for the first save; see writeObject)
        preparation =
                later(end != null ? () -> reportSavedEnd(end) : state != null ? this::resume : this::prepareAndStart);
    }

    /** While Jenkins shuts down there are no preparations' threads: the step waits for the restart. */
    private Future<?> later(Runnable task) {
        try {
            return support().preparations().schedule(task, 0);
        } catch (IllegalStateException | RejectedExecutionException shuttingDown) {
            LOGGER.log(Level.INFO, "k6CloudRun goes on after the restart", shuttingDown);
            return null;
        }
    }

    /**
     * A step that had not handed its run to the engine when the engine closed saves no state, so it prepares
     * again and starts once after the restart ({@link #follow} checks the same under this monitor). The engine
     * closes in {@code ItemListener.onBeforeShutdown}, before workflow-cps' {@code @Terminator
     * CpsFlowExecution.suspendAll} saves every Pipeline a last time. A state saved while the engine was open is
     * kept: after a crash nobody knows whether the start went out, so the restart looks for the run.
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
        return !isEnded() && endValue == null && (s == null || s.runId() == null);
    }

    @Override
    public void stop(Throwable cause) {
        RunWatch h;
        synchronized (this) {
            if (ended) {
                return;
            }
            if (stopCause == null) {
                stopCause = cause;
            }
            h = handle;
        }
        if (h != null) {
            h.cancel(whoStopped(stopCause())); // a second stop too: the engine then stops waiting for k6 Cloud
        } else if (state == null) {
            // no start was sent: the preparation is called off or interrupted, and starts nothing
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

    private void prepareAndStart() {
        StepContext context = getContext();
        try {
            if (endedOnStop()) {
                return;
            }
            // only with script or junitFile: without them the step needs no node {}
            FilePath workspace = options.needsWorkspace() ? context.get(FilePath.class) : null;
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            EnvVars env = context.get(EnvVars.class);
            // nothing is saved yet: a restart during the upload uploads again and starts once
            TestsAsCode.Ready ready = TestsAsCode.beforeStart(
                    support(),
                    run,
                    env,
                    testId == 0 ? null : testId,
                    options,
                    workspace,
                    listener.getLogger(),
                    this::endedOnStop);
            if (ready == null) {
                return; // stopped: save nothing, start nothing
            }
            LoadTest uploaded = ready.uploaded();
            if (uploaded != null) {
                uploadedTestName = uploaded.name();
                uploadedProjectId = uploaded.projectId();
            }
            RunConfig.Prepared prepared = ready.prepared();
            note = ready.note();
            RunEngine runEngine = openEngine();
            if (runEngine == null) {
                waitForTheRestart(listener); // with no state: prepared again after the restart
                return;
            }
            engineForStart = runEngine; // from here on, a save after the engine closed forgets the state
            connection = prepared.connection();
            // saved before the start request, so that a restart can find the run
            state = WatchState.beforeStart(
                    ready.testId(), prepared.settings(), support().clock().millis());
            Futures.addCallback(
                    Futures.withTimeout(context.saveState(), SAVE_WAIT.toMillis(), TimeUnit.MILLISECONDS, Timer.get()),
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

    /** After a restart: only the token is read again. */
    private void resume() {
        StepContext context = getContext();
        try {
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            K6CloudClient client;
            try {
                client = support().client(run, context.get(EnvVars.class), connection, connection.runOptions());
            } catch (AbortException e) {
                WatchState s = state;
                throw new AbortException(
                        s.runId() == null || s.webUrl() == null
                                ? Messages.K6CloudRunStepExecution_CannotResumeUnknownRun(s.testId(), e.getMessage())
                                : Messages.K6CloudRunStepExecution_CannotResume(s.runId(), e.getMessage(), s.webUrl()));
            }
            RunEngine runEngine = openEngine();
            if (runEngine == null) {
                waitForTheRestart(listener); // the saved state is kept: resumed again after the restart
                return;
            }
            follow(true, runEngine, state.settings(), client, run, listener);
        } catch (IOException | InterruptedException | RuntimeException e) {
            fail("resume", e);
        }
    }

    /** {@code null} when Jenkins is shutting down. */
    private RunEngine openEngine() {
        try {
            RunEngine e = support().engine();
            return e.isClosed() ? null : e;
        } catch (IllegalStateException shuttingDown) {
            return null;
        }
    }

    private static void waitForTheRestart(TaskListener listener) {
        listener.getLogger().println(Messages.K6CloudRunStepExecution_AfterRestart());
    }

    /** Starts or re-attaches, unless stopped before a start, or the engine closed (the step stays pending). */
    private void follow(
            boolean resuming,
            RunEngine engine,
            RunSettings settings,
            K6CloudClient client,
            Run<?, ?> run,
            TaskListener listener) {
        try {
            PipelineRunListener events = new PipelineRunListener(listener);
            RunWatch h;
            boolean stopNow;
            synchronized (this) {
                // a resumed run is followed even when stopped meanwhile, so that it is stopped in k6 Cloud
                if (!resuming && (ended || stopCause != null)) {
                    end(stopCause);
                    return;
                }
                if (engine.isClosed()) {
                    // nothing was sent; the last save forgets a new run's state (writeObject), keeps a resumed one
                    waitForTheRestart(listener);
                    return;
                }
                h = resuming
                        ? engine.resume(state, client, events)
                        : engine.start(state.testId(), settings, client, events);
                handle = h;
                stopNow = stopCause != null;
            }
            if (stopNow) {
                h.cancel(whoStopped(stopCause())); // stopped while Jenkins restarted: stop the run we follow again
            }
            // not on the thread that completed the outcome (e.g. the CPS VM thread of a second stop)
            h.outcome()
                    .whenComplete((outcome, error) -> later(() -> {
                        try {
                            if (error != null) {
                                throw error;
                            }
                            finish(outcome, run, listener);
                        } catch (Throwable t) {
                            fail("report the outcome of its run", t);
                        }
                    }));
        } catch (RuntimeException e) {
            fail("hand the run to the engine", e);
        }
    }

    private void finish(RunOutcome engineOutcome, Run<?, ?> run, TaskListener listener) {
        RunConfig.Connection c = connection;
        // before the end is saved, so that a restart during the read follows the ended run again and reads then
        RunMetricsRead.Finished f = RunMetricsRead.finish(
                engineOutcome,
                stopCause() == null && c != null,
                () -> support().client(run, getContext().get(EnvVars.class), c, c.metricsOptions()),
                run,
                options,
                uploadedTestName,
                uploadedProjectId,
                listener.getLogger());
        Map<String, Object> value = returnValue(f.outcome());
        if (uploadedTestName != null || uploadedProjectId != null) {
            value.put("testName", uploadedTestName);
            value.put("projectId", uploadedProjectId);
        }
        if (f.read() != null) {
            value.put("metrics", f.read().returnValue());
            writeJUnit(f, listener);
        }
        if (Thread.currentThread().isInterrupted()) {
            // the preparations' threads are closing (Jenkins shuts down): nothing is reported to a Pipeline being
            // suspended; the restart follows the ended run again and reads the metrics then
            waitForTheRestart(listener);
            return;
        }
        if (stopCause() == null) {
            endValue = value;
            getContext().saveState(); // a restart from here on reports this end, without following the run
        }
        end(() -> {
            try {
                run.addAction(f.action());
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "could not record the k6 Cloud run on " + run, e);
            }
            Throwable stop = stopCause();
            if (stop != null) {
                getContext().onFailure(stop);
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

    /** A workspace out of reach is a warning. */
    private void writeJUnit(RunMetricsRead.Finished f, TaskListener listener) {
        if (options.junitFile() == null || stopCause() != null) {
            return;
        }
        try {
            f.writeJUnit(getContext().get(FilePath.class), options.junitFile(), listener.getLogger());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Jenkins is shutting down
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "k6CloudRun could not reach the workspace for the JUnit file", e);
            listener.getLogger().println("WARNING: the JUnit file was not written: " + e.getMessage());
        }
    }

    /** Plain values only, so a sandboxed Pipeline can read them and keep them across a restart (keys: README). */
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
        m.put(
                "thresholds",
                o.thresholds().stream()
                        .map(t -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("name", t.name());
                            row.put("stat", t.stat());
                            row.put("value", t.value());
                            row.put("passed", t.passed());
                            return row;
                        })
                        .collect(Collectors.toCollection(ArrayList::new)));
        return m;
    }

    private void reportSavedEnd(Map<String, Object> value) {
        end(() -> {
            try {
                report(value, getContext().get(Run.class), getContext().get(TaskListener.class));
            } catch (Exception e) {
                getContext().onFailure(e);
            }
        });
    }

    private void report(Map<String, Object> value, Run<?, ?> run, TaskListener listener) {
        String message = String.valueOf(value.get("message"));
        switch (String.valueOf(value.get("result"))) {
            case "SUCCESS" -> getContext().onSuccess(value);
            case "UNSTABLE" -> {
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
            }
            case "ABORTED" -> {
                // stopped in the k6 web app: the build shows ABORTED. Not an interruption (nobody aborted the
                // build in Jenkins), so catchError catches it and the Pipeline goes on; CatchErrorStep sets the
                // build and stage to this exception's result whatever its buildResult says (README: "Pipeline jobs")
                getContext()
                        .onFailure(new FlowInterruptedException(Result.ABORTED, false, new RunStoppedCause(message)));
            }
            default -> getContext().onFailure(new AbortException(message));
        }
    }

    /** The run was stopped in k6 Cloud (e.g. in the web app). */
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

    private boolean endedOnStop() {
        Throwable cause = stopCause();
        if (cause != null) {
            end(cause);
        }
        return cause != null;
    }

    private synchronized Throwable stopCause() {
        return stopCause;
    }

    private synchronized boolean isEnded() {
        return ended;
    }

    private void end(Runnable report) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        try {
            report.run();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not report the end of a k6CloudRun step", e);
        }
    }

    private void end(Throwable failure) {
        end(() -> getContext().onFailure(failure));
    }

    /** An {@link AbortException} says what to fix; anything else is logged too. */
    private void fail(String what, Throwable e) {
        if (!(e instanceof AbortException)) {
            LOGGER.log(Level.WARNING, "k6CloudRun could not " + what, e);
        }
        end(e);
    }

    /** The causes' short descriptions ("Aborted by alice"), else the message; never the exception's class name. */
    static String whoStopped(Throwable cause) {
        String words = cause instanceof FlowInterruptedException f
                ? f.getCauses().stream()
                        .map(CauseOfInterruption::getShortDescription)
                        .filter(d -> d != null && !d.isBlank())
                        .collect(Collectors.joining("; "))
                : cause == null ? null : cause.getMessage();
        return words == null || words.isBlank() ? Messages.K6CloudRunStepExecution_Stopped() : words;
    }

    /** Saves every new state on Jenkins' timer: the engine's threads must not wait. */
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
