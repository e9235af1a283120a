package io.jenkins.plugins.k6cloud.support;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.LoadTest;
import io.jenkins.plugins.k6cloud.api.LoadTestScripts;
import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.ScriptSource;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.Scheduler;
import io.jenkins.plugins.k6cloud.results.JUnitReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The workspace and the run's note: the script read through {@link FilePath} (streamed from the agent) and
 * uploaded before the start, the note that ties the run to the build, the JUnit file. Never on the CPS VM thread.
 */
public final class TestsAsCode {
    private TestsAsCode() {}

    /** Jenkins' by default; the Pipeline step's tests give a simulator's client. */
    public interface Preparer {
        Preparer JENKINS = new Preparer() {};

        default RunConfig.Prepared prepare(Run<?, ?> run, EnvVars env, RunConfig.Options options)
                throws AbortException {
            return RunConfig.prepare(run, env, options);
        }

        /** Also after a restart: for the upload, the metrics read and a resumed run. */
        default K6CloudClient client(Run<?, ?> run, EnvVars env, RunConfig.Connection c, ClientOptions options)
                throws AbortException {
            return c.clientForRun(run, env, options);
        }

        default Scheduler preparations() {
            return K6CloudEngine.preparations();
        }
    }

    /** {@code uploaded}: {@code null} without a script; {@code note}: {@code null} unless the API is v6. */
    public record Ready(RunConfig.Prepared prepared, LoadTest uploaded, long testId, Note note) {}

    /**
     * The checks, the settings and client, and the upload, the same for both steps; {@code null} when
     * {@code stopped} says so after the credentials or the upload (then nothing is started).
     */
    public static Ready beforeStart(
            Preparer preparer,
            Run<?, ?> run,
            EnvVars env,
            Long given,
            RunConfig.Options options,
            FilePath workspace,
            PrintStream log,
            BooleanSupplier stopped)
            throws IOException, InterruptedException {
        check(given, options, workspace);
        RunConfig.Prepared prepared = preparer.prepare(run, env, options);
        RunConfig.Connection c = prepared.connection();
        checkFlavour(options, c.apiFlavour());
        if (stopped.getAsBoolean()) {
            return null;
        }
        LoadTest uploaded = options.script() == null
                ? null
                : upload(preparer.client(run, env, c, c.uploadOptions()), given, options, workspace, log);
        if (stopped.getAsBoolean()) {
            return null;
        }
        Note note = c.apiFlavour() != ApiFlavour.V6
                ? null
                : new Note(
                        prepared.client(),
                        note(options.note(), env),
                        log,
                        task -> preparer.preparations().schedule(task, 0));
        return new Ready(prepared, uploaded, uploaded != null ? uploaded.id() : given, note);
    }

    /** Before the credentials are read. */
    static void check(Long testId, RunConfig.Options options, FilePath workspace) throws AbortException {
        if (testId == null && options.script() == null) {
            throw new AbortException(Messages.TestsAsCode_NoTarget());
        }
        try {
            if (testId != null) {
                FormChecks.parseTestId(testId.toString()); // a positive number
            }
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        if (options.needsWorkspace() && workspace == null) {
            throw new AbortException(
                    Messages.TestsAsCode_NoWorkspace(options.script() != null ? "script" : "junitFile"));
        }
        if (options.script() != null && isAbsolute(options.script())) {
            throw new AbortException(Messages.TestsAsCode_NotAPath(options.script(), "load/checkout.js"));
        }
        if (options.junitFile() != null && isAbsolute(options.junitFile())) {
            throw new AbortException(Messages.TestsAsCode_NotAPath(options.junitFile(), "k6-junit.xml"));
        }
    }

    static void checkFlavour(RunConfig.Options options, ApiFlavour flavour) throws AbortException {
        if (options.script() != null && flavour != ApiFlavour.V6) {
            throw new AbortException(LoadTestScripts.needsV6("Uploading the k6 script '" + options.script() + "'"));
        }
        if (options.note() != null && flavour != ApiFlavour.V6) {
            throw new AbortException(Messages.TestsAsCode_NoteNeedsV6());
        }
    }

    public static ScriptSource script(FilePath workspace, String path) throws IOException, InterruptedException {
        FilePath file = inWorkspace(workspace, path, "load/checkout.js");
        if (!file.exists()) {
            throw new AbortException(Messages.TestsAsCode_NoSuchScript(path, workspace.getRemote()));
        }
        if (file.isDirectory()) {
            throw new AbortException(Messages.TestsAsCode_ScriptIsADirectory(path));
        }
        if (file.length() == 0) {
            throw new AbortException(Messages.TestsAsCode_EmptyScript(path));
        }
        return new WorkspaceScript(file, path);
    }

    /** To {@code testId}, or ({@code null}) to the load test named {@code testName}; returns the load test to start. */
    static LoadTest upload(
            K6CloudClient client, Long testId, RunConfig.Options options, FilePath workspace, PrintStream log)
            throws IOException, InterruptedException {
        ScriptSource script = script(workspace, options.script());
        if (!(client instanceof LoadTestScripts scripts)) {
            throw new AbortException(Messages.TestsAsCode_NotUploaded(options.script(), "this client cannot upload"));
        }
        String name = options.testName() != null ? options.testName() : ScriptSource.defaultTestName(script.fileName());
        log.println(LoadTestScripts.announce(testId, name, options.projectId(), options.script(), script.size()));
        try {
            LoadTest test = LoadTestScripts.uploadForRun(scripts, client, testId, options.projectId(), name, script);
            log.println(Messages.TestsAsCode_Uploaded(LoadTestScripts.describe(test)));
            return test;
        } catch (K6CloudException.InterruptedCallException e) {
            InterruptedException ie = new InterruptedException(e.getMessage());
            ie.initCause(e);
            throw ie;
        } catch (K6CloudException | IllegalArgumentException e) {
            throw new AbortException(Messages.TestsAsCode_NotUploaded(options.script(), e.getMessage()));
        }
    }

    /** {@code given}, else e.g. {@code Jenkins job shop/main #42 (https://ci/job/shop/job/main/42/), commit 1a2b3c}. */
    public static String note(String given, Map<String, String> env) {
        if (given != null) {
            return given;
        }
        if (env == null) {
            env = Map.of();
        }
        StringBuilder b = new StringBuilder("Jenkins job ").append(env.getOrDefault("JOB_NAME", "?"));
        String number = env.get("BUILD_NUMBER");
        if (number != null) {
            b.append(" #").append(number);
        }
        String url = env.get("BUILD_URL");
        if (url != null && !url.isBlank()) {
            b.append(" (").append(url).append(')');
        }
        String commit = env.get("GIT_COMMIT");
        if (commit != null && !commit.isBlank()) {
            b.append(", commit ").append(commit.strip());
        }
        return b.toString();
    }

    /** Set on {@code executor} (retries: not on the engine's threads nor Jenkins' timer); a failure is one warning line. */
    public static final class Note {
        private final K6CloudClient client;
        private final String text;
        private final PrintStream log;
        private final Executor executor;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final AtomicBoolean asked = new AtomicBoolean();

        public Note(K6CloudClient client, String text, PrintStream log, Executor executor) {
            this.client = client;
            this.text = text;
            this.log = log;
            this.executor = executor;
        }

        public void set(Long runId) {
            if (runId != null && asked.compareAndSet(false, true)) {
                LoadTestScripts.setNoteLater(client, runId, text, executor).whenComplete((v, e) -> {
                    log.println(
                            e == null
                                    ? Messages.TestsAsCode_NoteSet(runId, text)
                                    : Messages.TestsAsCode_NoteFailed(runId, e.getMessage()));
                    done.complete(null);
                });
            }
        }

        /** So that its line is in a freestyle build's console. */
        public void await(Duration bound) throws InterruptedException {
            try {
                if (asked.get()) {
                    done.get(bound.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (ExecutionException | TimeoutException e) {
                log.println(Messages.TestsAsCode_NoteLate(DurationFormat.format(bound)));
            }
        }
    }

    /** A file that cannot be written is a warning. */
    public static void writeJUnit(
            FilePath workspace, String path, RunOutcome outcome, List<RunMetrics.Check> checks, PrintStream log)
            throws InterruptedException {
        String suite = "k6 Cloud load test " + outcome.testId() + " (run " + outcome.runId() + ")";
        try {
            ByteArrayOutputStream xml = new ByteArrayOutputStream(); // a few kB: one case per threshold and check
            JUnitReport.write(suite, outcome.thresholds(), checks, xml);
            inWorkspace(workspace, path, "k6-junit.xml").write(xml.toString(StandardCharsets.UTF_8), "UTF-8");
            log.println(Messages.TestsAsCode_JUnitWritten(outcome.runId(), path));
        } catch (IOException e) {
            log.println(Messages.TestsAsCode_JUnitFailed(path, e.getMessage()));
        }
    }

    /** Absolute on Unix or Windows: {@code FilePath.child} would leave the workspace. */
    static boolean isAbsolute(String path) {
        return path.startsWith("/") || path.startsWith("\\") || path.matches("[A-Za-z]:.*");
    }

    private static FilePath inWorkspace(FilePath workspace, String path, String example) throws AbortException {
        if (isAbsolute(path)) {
            throw new AbortException(Messages.TestsAsCode_NotAPath(path, example));
        }
        return workspace.child(path);
    }

    /** Read again for each attempt of the upload. */
    private record WorkspaceScript(FilePath file, String path) implements ScriptSource {
        @Override
        public String fileName() {
            return file.getName();
        }

        @Override
        public long size() throws IOException {
            return interruptible(file::length);
        }

        @Override
        public InputStream open() throws IOException {
            return interruptible(file::read);
        }

        /** An interrupt (an abort) becomes the {@link InterruptedIOException} an upload ends with. */
        private static <T> T interruptible(FileRead<T> read) throws IOException {
            try {
                return read.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                InterruptedIOException io = new InterruptedIOException(e.getMessage());
                io.initCause(e);
                throw io;
            }
        }

        @Override
        public String toString() {
            return path;
        }
    }

    private interface FileRead<T> {
        T get() throws IOException, InterruptedException;
    }
}
