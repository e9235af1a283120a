package io.jenkins.plugins.k6cloud.builder;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.BuildListener;
import hudson.model.Result;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.LoadTest;
import io.jenkins.plugins.k6cloud.api.LoadTestScripts;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.OutcomeWait;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.engine.RunEngine.OnEngineClose;
import io.jenkins.plugins.k6cloud.engine.RunEvents;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.RunWatch;
import io.jenkins.plugins.k6cloud.engine.WatchState;
import io.jenkins.plugins.k6cloud.support.FormChecks;
import io.jenkins.plugins.k6cloud.support.K6CloudEngine;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import io.jenkins.plugins.k6cloud.support.RunMetricsRead;
import io.jenkins.plugins.k6cloud.support.TestsAsCode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle build step: holds the executor until the run's verdict. Not a {@code SimpleBuildStep} and no
 * {@code @Symbol}: Pipelines use {@code k6CloudRun}, which survives restarts and holds no executor.
 */
public class K6CloudBuilder extends Builder {
    /** As typed (may be {@code ${VAR}}); empty: the load test {@code script} is uploaded to. */
    private String testId = "";

    private String credentialsId;
    private String pollInterval;
    private String timeout;
    private String thresholdFailure;
    private String maxRegression;
    private String script;
    private String testName;
    private String projectId;
    private String note;
    private String junitFile;

    @DataBoundConstructor
    public K6CloudBuilder() {}

    public K6CloudBuilder(String testId) {
        setTestId(testId);
    }

    public String getTestId() {
        return testId;
    }

    @DataBoundSetter
    public void setTestId(String testId) {
        this.testId = testId == null ? "" : testId.strip();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = RunConfig.blankToNull(credentialsId);
    }

    public String getPollInterval() {
        return pollInterval;
    }

    @DataBoundSetter
    public void setPollInterval(String pollInterval) {
        this.pollInterval = RunConfig.blankToNull(pollInterval);
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = RunConfig.blankToNull(timeout);
    }

    public String getThresholdFailure() {
        return thresholdFailure;
    }

    @DataBoundSetter
    public void setThresholdFailure(String thresholdFailure) {
        this.thresholdFailure = RunConfig.blankToNull(thresholdFailure);
    }

    public String getMaxRegression() {
        return maxRegression;
    }

    @DataBoundSetter
    public void setMaxRegression(String maxRegression) {
        this.maxRegression = RunConfig.blankToNull(maxRegression);
    }

    public String getScript() {
        return script;
    }

    @DataBoundSetter
    public void setScript(String script) {
        this.script = RunConfig.blankToNull(script);
    }

    public String getTestName() {
        return testName;
    }

    @DataBoundSetter
    public void setTestName(String testName) {
        this.testName = RunConfig.blankToNull(testName);
    }

    public String getProjectId() {
        return projectId;
    }

    @DataBoundSetter
    public void setProjectId(String projectId) {
        this.projectId = RunConfig.blankToNull(projectId);
    }

    public String getNote() {
        return note;
    }

    @DataBoundSetter
    public void setNote(String note) {
        this.note = RunConfig.blankToNull(note);
    }

    public String getJunitFile() {
        return junitFile;
    }

    @DataBoundSetter
    public void setJunitFile(String junitFile) {
        this.junitFile = RunConfig.blankToNull(junitFile);
    }

    /** @throws IllegalArgumentException for a bad project id */
    RunConfig.Options options(UnaryOperator<String> expand) {
        return new RunConfig.Options(credentialsId, pollInterval, timeout, thresholdFailure, true)
                .withMaxRegression(maxRegression)
                .withWorkspaceFiles(
                        expanded(script, expand),
                        expanded(testName, expand),
                        FormChecks.parseProjectId(expanded(projectId, expand)),
                        expanded(note, expand),
                        expanded(junitFile, expand));
    }

    private static String expanded(String text, UnaryOperator<String> expand) {
        return text == null ? null : expand.apply(text);
    }

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        EnvVars env = build.getEnvironment(listener);
        PrintStream log = listener.getLogger();
        Long given;
        RunConfig.Options options;
        try {
            given = testId.isEmpty() ? null : FormChecks.resolveTestId(testId, env::expand);
            options = options(env::expand);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        FilePath workspace = options.needsWorkspace() ? build.getWorkspace() : null;
        // on the executor: an abort interrupts it, and nothing is started
        TestsAsCode.Ready ready = TestsAsCode.beforeStart(
                TestsAsCode.Preparer.JENKINS, build, env, given, options, workspace, log, () -> false);
        RunConfig.Prepared prepared = ready.prepared();
        RunConfig.Connection c = prepared.connection();
        LoadTest uploaded = ready.uploaded();
        long id = ready.testId();
        RunEngine engine;
        try {
            engine = K6CloudEngine.get();
        } catch (IllegalStateException e) {
            throw aborted(build::setResult, listener, e.getMessage()); // Jenkins is shutting down
        }
        TestsAsCode.Note note = ready.note();
        RunWatch handle = start(engine, id, prepared, new K6CloudEngine.Console(listener) {
            @Override
            public void onStarted(WatchState state) {
                if (note != null) {
                    note.set(state.runId());
                }
            }
        });
        OutcomeWait.Waited waited = OutcomeWait.await(
                handle.outcome(),
                prepared.settings(),
                K6CloudEngine.whenClosed(engine),
                canceller(id, handle::cancel, listener));
        RunOutcome outcome = waited.outcome();
        boolean aborted = waited.interrupted();
        if (note != null && !aborted) {
            try {
                note.await(LoadTestScripts.NOTE_WAIT); // its line belongs to this build's console
            } catch (InterruptedException e) {
                aborted = true;
            }
        }
        if (outcome != null) {
            RunMetricsRead.Finished f = RunMetricsRead.finish(
                    outcome,
                    !aborted,
                    () -> c.clientForRun(build, env, c.metricsOptions()),
                    build,
                    options,
                    uploaded == null ? null : uploaded.name(),
                    uploaded == null ? null : uploaded.projectId(),
                    log);
            aborted |= Thread.interrupted(); // aborted during the read: the run has ended already
            outcome = f.outcome();
            build.addAction(f.action());
            f.writeJUnit(workspace, options.junitFile(), log);
        }
        if (aborted) {
            build.setResult(Result.ABORTED);
            throw new InterruptedException(Messages.K6CloudBuilder_Aborted(id));
        }
        return conclude(outcome, waited.engineClosed(), id, build::setResult, listener);
    }

    /** An abort, or a wait beyond the run's deadlines, stops the run; a second abort, or the bound, stops waiting. */
    static OutcomeWait.Canceller canceller(long testId, Consumer<String> cancel, TaskListener listener) {
        return new OutcomeWait.Canceller() {
            @Override
            public void cancel(boolean interrupted, Duration bound) {
                if (interrupted) {
                    listener.getLogger().println(Messages.K6CloudBuilder_Aborted(testId));
                    cancel.accept("the build was aborted");
                } else {
                    cancel.accept("the build stopped waiting after " + DurationFormat.format(bound));
                }
            }

            @Override
            public void stopWaiting(Duration bound) {
                cancel.accept("stop waiting");
                listener.getLogger().println(Messages.K6CloudBuilder_StillWaiting(DurationFormat.format(bound)));
            }
        };
    }

    /**
     * Whether the build goes on after {@code outcome} ({@code null}: none). ABORTED is an {@link InterruptedException},
     * the one way that keeps ABORTED in core (2.541.3): {@code Run.execute} makes an {@link AbortException} FAILURE,
     * while on an {@code InterruptedException} it takes {@code Executor.abortResult()} and prints "Build was aborted".
     */
    static boolean conclude(
            RunOutcome outcome, boolean engineClosed, long testId, Consumer<Result> setResult, TaskListener listener)
            throws AbortException, InterruptedException {
        if (outcome == null) {
            if (engineClosed) {
                throw aborted(setResult, listener, Messages.K6CloudBuilder_EngineClosed(testId));
            }
            throw new AbortException(Messages.K6CloudBuilder_NoOutcome(testId));
        }
        Result result = result(outcome.buildResult());
        if (result == Result.ABORTED) {
            setResult.accept(Result.ABORTED); // the engine has logged the verdict and its reason
            throw new InterruptedException(outcome.message());
        }
        if (result.isWorseThan(Result.SUCCESS)) {
            setResult.accept(result);
        }
        return result.isBetterThan(Result.FAILURE);
    }

    static Result result(BuildResult r) {
        return Result.fromString(r.name());
    }

    private static InterruptedException aborted(Consumer<Result> setResult, TaskListener listener, String message) {
        listener.getLogger().println(message);
        setResult.accept(Result.ABORTED);
        return new InterruptedException(message);
    }

    /** A controller shutdown stops the run: a freestyle build cannot follow it after a restart. */
    public static RunWatch start(RunEngine engine, long testId, RunConfig.Prepared prepared, RunEvents listener) {
        return engine.start(testId, prepared.settings(), prepared.client(), listener, OnEngineClose.CANCEL);
    }

    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> implements FormChecks {
        @Override
        public String getDisplayName() {
            return Messages.K6CloudBuilder_DisplayName();
        }

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @POST
        public FormValidation doCheckProjectId(@QueryParameter String value) {
            return FormChecks.checkProjectId(value);
        }
    }
}
