package io.jenkins.plugins.k6cloud.pipeline;

import com.google.common.util.concurrent.ListenableFuture;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.k6cloud.ConsoleRunListener;
import io.jenkins.plugins.k6cloud.K6CloudRunAction;
import io.jenkins.plugins.k6cloud.PreparedRun;
import io.jenkins.plugins.k6cloud.RunOptions;
import io.jenkins.plugins.k6cloud.TestIds;
import io.jenkins.plugins.k6cloud.engine.RunHandle;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.WatchState;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs {@code k6CloudRun} without blocking the CPS VM thread: {@link #start()} only schedules the
 * preparation (credentials, client) on Jenkins' timer; the engine follows the run on its own
 * threads. The engine's {@link WatchState} is saved with the Pipeline whenever it changes, so after a
 * restart {@link #onResume()} follows the same run again instead of starting a second one.
 */
public class K6CloudRunStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(K6CloudRunStepExecution.class.getName());
    /** How long the preparation waits for the first state to be saved before the start request. */
    static final Duration SAVE_WAIT = Duration.ofSeconds(30);
    /** Added to the run's cancel wait before a stopped step ends whatever k6 Cloud says. */
    static final Duration STOP_MARGIN = Duration.ofSeconds(30);

    private final long testId;
    private final RunOptions options;
    private volatile WatchState state;

    private transient volatile RunHandle handle;
    private transient StepLifecycle lifecycle;
    private transient volatile StepRunSupport support;
    private transient volatile Future<?> preparation;

    K6CloudRunStepExecution(StepContext context, long testId, RunOptions options) {
        super(context);
        this.testId = testId;
        this.options = options;
    }

    /** Replaces what the execution takes from Jenkins (tests; also after deserialisation in tests). */
    void use(StepRunSupport support) {
        this.support = support;
    }

    /** The preparation handed to Jenkins' timer by {@link #start()} or {@link #onResume()} (for tests). */
    Future<?> preparation() {
        return preparation;
    }

    private StepRunSupport support() {
        StepRunSupport s = support;
        return s != null ? s : StepRunSupport.JENKINS;
    }

    @Override
    public boolean start() {
        preparation = Timer.get().submit(() -> begin(false));
        return false;
    }

    @Override
    public void onResume() {
        if (state == null) {
            lifecycle().end(() -> getContext().onFailure(
                    new AbortException(Messages.K6CloudRunStepExecution_RestartBeforeStart())));
            return;
        }
        preparation = Timer.get().submit(() -> begin(true));
    }

    @Override
    public void stop(Throwable cause) {
        RunHandle h;
        synchronized (this) {
            if (!lifecycle().requestStop(cause)) {
                return;
            }
            h = handle;
        }
        if (h != null) {
            // a second stop arrives here too: the engine then stops waiting for k6 Cloud
            h.cancel(Messages.K6CloudRunStepExecution_Stopping(cause));
        } else if (state == null) {
            // nothing was sent to k6 Cloud yet, and begin() will not start a run now
            lifecycle().end(() -> getContext().onFailure(cause));
            return;
        }
        Duration bound = (state == null ? Duration.ZERO : state.settings().cancelWait()).plus(STOP_MARGIN);
        Timer.get().schedule(() -> {
            RunHandle late = handle;
            if (late != null) {
                late.cancel("stop waiting");
            }
            lifecycle().end(() -> getContext().onFailure(cause));
        }, bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String getStatus() {
        RunHandle h = handle;
        if (h != null) {
            return h.status();
        }
        return state == null
                ? Messages.K6CloudRunStepExecution_StatusPreparing()
                : Messages.K6CloudRunStepExecution_StatusResuming();
    }

    private void begin(boolean resuming) {
        StepContext context = getContext();
        try {
            checkTestId();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            EnvVars env = context.get(EnvVars.class);
            PreparedRun prepared = support().prepare(run, env, options);
            if (!resuming) {
                // saved before the start request, so that a restart from here on can find the run
                WatchState before = new WatchState(
                        testId, null, prepared.settings(), support().clock().millis(), null, null, false);
                persist(before).get(SAVE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            PipelineRunListener engineListener = new PipelineRunListener(listener);
            RunHandle h;
            boolean stopNow;
            synchronized (this) {
                // a resumed run is followed even when stopped meanwhile, so that it is stopped in k6 Cloud
                if (!resuming && (lifecycle().isEnded() || lifecycle().isStopRequested())) {
                    lifecycle().end(() -> context.onFailure(lifecycle().stopCause()));
                    return;
                }
                h = resuming
                        ? support().engine().resume(state, prepared.client(), engineListener)
                        : support().engine().start(testId, prepared.settings(), prepared.client(), engineListener);
                handle = h;
                stopNow = lifecycle().isStopRequested();
            }
            if (stopNow) {
                // stopped while Jenkins restarted: stop the run we follow again
                h.cancel(Messages.K6CloudRunStepExecution_Stopping(lifecycle().stopCause()));
            }
            h.outcome().thenAccept(outcome -> finish(outcome, run, listener));
        } catch (AbortException e) {
            lifecycle().end(() -> context.onFailure(e));
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "k6CloudRun could not start or resume", e);
            lifecycle().end(() -> context.onFailure(e));
        }
    }

    private void checkTestId() throws AbortException {
        try {
            TestIds.parse(Long.toString(testId));
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    private void finish(RunOutcome outcome, Run<?, ?> run, TaskListener listener) {
        lifecycle().end(() -> {
            try {
                run.addAction(K6CloudRunAction.of(outcome));
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "could not record the k6 Cloud run on " + run, e);
            }
            Throwable stopCause = lifecycle().stopCause();
            if (stopCause != null) {
                getContext().onFailure(stopCause);
                return;
            }
            switch (outcome.buildResult()) {
                case SUCCESS:
                    getContext().onSuccess(StepResult.of(outcome));
                    break;
                case UNSTABLE:
                    listener.getLogger().println(Messages.K6CloudRunStepExecution_Unstable(outcome.message()));
                    run.setResult(Result.UNSTABLE);
                    getContext().onSuccess(StepResult.of(outcome));
                    break;
                case ABORTED:
                    run.setResult(Result.ABORTED);
                    getContext().onFailure(new AbortException(outcome.message()));
                    break;
                default:
                    getContext().onFailure(new AbortException(outcome.message()));
                    break;
            }
        });
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

    /** Prints the engine's lines and saves every new state with the Pipeline (without waiting). */
    private final class PipelineRunListener extends ConsoleRunListener {
        PipelineRunListener(TaskListener listener) {
            super(listener);
        }

        @Override
        public void onStarted(WatchState s) {
            persist(s);
        }

        @Override
        public void onStateChanged(WatchState s) {
            persist(s);
        }
    }
}
