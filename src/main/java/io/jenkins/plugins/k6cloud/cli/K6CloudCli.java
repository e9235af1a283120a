package io.jenkins.plugins.k6cloud.cli;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.LoadTest;
import io.jenkins.plugins.k6cloud.api.LoadTestScripts;
import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.cli.CliArguments.UsageException;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.OutcomeWait;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.engine.RunEvents;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.engine.RunWatch;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import io.jenkins.plugins.k6cloud.engine.WatchState;
import io.jenkins.plugins.k6cloud.results.MetricsTable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * The command-line runner: starts a k6 Cloud run, follows it with the same engine as the Jenkins
 * plugin, prints what happens and exits with a k6-style code. {@link #run} holds the logic without
 * {@code System.exit}, so tests call it in-process; {@link #interrupt} is what SIGINT/SIGTERM do.
 */
public final class K6CloudCli {
    /** The Grafana stack id when {@code --stack-id} is not given. */
    public static final String STACK_ID_VARIABLE = "K6_CLOUD_STACK_ID";

    public static final URI DEFAULT_API_URL = URI.create(K6CloudDefaults.API_URL);
    static final Duration SIMULATED_POLL_INTERVAL = Duration.ofSeconds(1);
    static final String THREAD_PREFIX = "k6-cloud-cli";
    /** The longest the runner waits for the run's note to be set after the run was judged. */
    static final Duration NOTE_WAIT = Duration.ofSeconds(30);

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Function<ClientTarget, K6CloudClient> clients;
    private final Supplier<Optional<EmbeddedK6Cloud>> clouds;
    private final Supplier<RunEngine> engines;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile RunWatch current;
    private volatile RunSettings currentSettings;
    private volatile int exitCode = ExitCodes.INTERRUPTED;
    private volatile boolean interruptRequested;
    private final AtomicBoolean cancelSent = new AtomicBoolean();
    /** Guards {@link #interruptRequested}, {@link #uploading} and the start, so that an interrupt during the upload starts nothing. */
    private final Object startLock = new Object();
    /** The thread uploading the script, interrupted by {@link #interrupt()}; {@code null} when none is. */
    private Thread uploading;

    private boolean uploadInterrupted;

    /** What a client is built for: API URL, token, API flavour and stack id (or {@code null}). */
    public record ClientTarget(URI apiUrl, ApiToken token, ApiFlavour flavour, Long stackId) {}

    /**
     * @param env the environment (the token is read from {@value K6CloudDefaults#TOKEN_VARIABLE}, the stack id from
     *     {@value #STACK_ID_VARIABLE})
     * @param clients builds the client of an API URL, token, flavour and stack id
     * @param clouds finds the embedded k6 Cloud for {@code --simulate}
     * @param engines makes the engine that follows the run (closed after it)
     */
    public K6CloudCli(
            PrintStream out,
            PrintStream err,
            Map<String, String> env,
            Function<ClientTarget, K6CloudClient> clients,
            Supplier<Optional<EmbeddedK6Cloud>> clouds,
            Supplier<RunEngine> engines) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.clients = clients;
        this.clouds = clouds;
        this.engines = engines;
    }

    /**
     * The runner of {@link #main}: the HTTP client of the chosen flavour, the simulator found on the
     * class path, one engine thread.
     */
    public static K6CloudCli standard(PrintStream out, PrintStream err, Map<String, String> env) {
        return new K6CloudCli(
                out,
                err,
                env,
                K6CloudCli::httpClient,
                EmbeddedK6Cloud::find,
                () -> RunEngine.withThreads(THREAD_PREFIX, 1));
    }

    /** The HTTP client of the target's flavour, sending its stack id, with the default timeouts and retries. */
    static K6CloudClient httpClient(ClientTarget t) {
        ClientOptions options = ClientOptions.defaults().withStackId(t.stackId());
        return new HttpK6CloudClient(t.flavour(), new OkHttpClient(), t.apiUrl(), t.token(), options);
    }

    public static void main(String[] args) {
        K6CloudCli cli = standard(System.out, System.err, System.getenv());
        Thread hook = new Thread(cli::onSignal, THREAD_PREFIX + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = cli.run(args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the command line to its end; returns the exit code. */
    public int run(String... args) {
        try {
            exitCode = execute(args);
        } catch (UsageException e) {
            err.println(e.getMessage());
            exitCode = ExitCodes.USAGE;
        } catch (RuntimeException e) {
            err.println("k6cloud failed: " + e);
            exitCode = ExitCodes.NOT_FOLLOWED;
        } finally {
            finished.countDown();
        }
        return exitCode;
    }

    /**
     * What SIGINT/SIGTERM do: cancel like an aborted build (stop the run, wait for it, bounded, and
     * print the report), then let {@link #run} return {@link ExitCodes#INTERRUPTED}.
     */
    public void interrupt() {
        synchronized (startLock) {
            interruptRequested = true;
            if (uploading != null && !uploadInterrupted) {
                uploadInterrupted = true;
                uploading.interrupt();
            }
        }
        cancelOnce("interrupted by a signal");
    }

    /** A second cancel would stop waiting for the run, so the runner cancels once. */
    private void cancelOnce(String reason) {
        RunWatch h = current;
        if (h != null && cancelSent.compareAndSet(false, true)) {
            h.cancel(reason);
        }
    }

    /** The shutdown hook: nothing to do when {@link #run} already returned (a normal exit). */
    private void onSignal() {
        if (finished.getCount() == 0) {
            return;
        }
        err.println("Stopping the k6 Cloud run in response to the signal...");
        interrupt();
        RunSettings s = currentSettings;
        Duration bound = (s == null ? RunSettings.DEFAULT_CANCEL_WAIT : s.cancelWait()).plus(OutcomeWait.MARGIN);
        try {
            if (!finished.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                err.println("The k6 Cloud run did not end within " + DurationFormat.format(bound)
                        + " of the signal; it may still be running: look at it in the k6 web app.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
        err.flush();
        // System.exit cannot change the status once the JVM is shutting down
        Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
    }

    private int execute(String[] args) throws UsageException {
        CliArguments o = CliArguments.parse(args);
        if (o.help()) {
            out.print(CliArguments.USAGE);
            return ExitCodes.PASSED;
        }
        String value = env.get(K6CloudDefaults.TOKEN_VARIABLE);
        boolean hasToken = value != null && !value.isEmpty();
        if (o.simulate() || (o.apiUrl() == null && !hasToken)) {
            return simulate(o);
        }
        if (!hasToken) {
            throw new UsageException("--api-url " + o.apiUrl() + " needs a token: set the environment variable "
                    + K6CloudDefaults.TOKEN_VARIABLE
                    + " to a k6 Cloud API token (or leave out --api-url to use the simulator)");
        }
        ApiToken token;
        try {
            token = ApiToken.of(value, "in the environment variable " + K6CloudDefaults.TOKEN_VARIABLE);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        CliScript script = script(o, null);
        if (o.testId() == null && script == null) {
            throw new UsageException("Give the load test to run with --test-id ID, or a k6 script to upload and run"
                    + " with --script FILE");
        }
        URI api = o.apiUrl() == null ? DEFAULT_API_URL : o.apiUrl();
        ClientTarget target = target(o, script, api, token, null);
        RunSettings settings = settings(o, o.pollInterval(), o.webUrl());
        out.println((script == null ? "Running k6 Cloud load test " + o.testId() : "Uploading and running a k6 script")
                + " at " + api + describe(target) + " (poll every "
                + DurationFormat.format(settings.pollInterval()) + ", timeout "
                + DurationFormat.format(settings.timeout()) + ")");
        return follow(o.testId(), script, note(o, script), settings, clients.apply(target));
    }

    /**
     * The script to upload: {@code --script}, else {@code demo} (the simulator's, or {@code null});
     * checked before any request.
     */
    private CliScript script(CliArguments o, java.nio.file.Path demo) throws UsageException {
        java.nio.file.Path file = o.script() != null ? o.script() : demo;
        if (file == null) {
            return null;
        }
        CliScript script = CliScript.of(file, o.testName(), o.projectId(), o.note(), env);
        if (o.apiFlavour() == ApiFlavour.V2) {
            throw new UsageException("--script uploads the k6 script to Grafana Cloud k6, which only its v6 API can"
                    + " do, and --api-flavour v2 is selected: choose --api-flavour v6 (with --stack-id N), or leave"
                    + " out --api-flavour");
        }
        return script;
    }

    /** The note to set on the run: the script's (given or default), else {@code --note}; v6 only. */
    private static String note(CliArguments o, CliScript script) throws UsageException {
        if (script != null) {
            return script.note();
        }
        if (o.note() != null && o.apiFlavour() != ApiFlavour.V6) {
            throw new UsageException("--note sets the run's note in Grafana Cloud k6, which only its v6 API can do:"
                    + " add --api-flavour v6 (with --stack-id N)");
        }
        return o.note();
    }

    private int simulate(CliArguments o) throws UsageException {
        Optional<EmbeddedK6Cloud> found;
        try {
            found = clouds.get();
        } catch (java.util.ServiceConfigurationError e) {
            throw new UsageException("The k6 Cloud simulator on the class path could not be loaded (" + e.getMessage()
                    + "); rebuild it with: mvn -f offline/pom.xml install -DskipTests");
        }
        if (found.isEmpty()) {
            throw new UsageException("The k6 Cloud simulator is not on the class path. Run bin/k6cloud from a"
                    + " clone of the plugin (it builds the test classes that carry the simulator), or follow a"
                    + " real run: set " + K6CloudDefaults.TOKEN_VARIABLE + " and give --api-url and --test-id.");
        }
        EmbeddedK6Cloud cloud = found.get();
        String scenario = o.scenario() == null ? cloud.scenarios().get(0) : o.scenario();
        if (!cloud.scenarios().contains(scenario)) {
            throw new UsageException("The simulator has no scenario '" + scenario + "': choose one of "
                    + String.join(", ", cloud.scenarios()));
        }
        try (EmbeddedK6Cloud.Session session = cloud.start(scenario)) {
            out.println("k6 Cloud simulator at " + session.apiUrl() + ", playing scenario '" + scenario
                    + "' (scenarios: " + String.join(", ", cloud.scenarios()) + ")");
            CliScript script = script(o, session.demoScript());
            if (script == null && o.testId() != null && o.testId() != session.testId()) {
                out.println(
                        "Ignoring --test-id " + o.testId() + ": the simulator serves load test " + session.testId());
            }
            ClientTarget target = target(o, script, session.apiUrl(), session.token(), session);
            RunSettings settings = settings(
                    o,
                    o.pollInterval() == null ? SIMULATED_POLL_INTERVAL : o.pollInterval(),
                    o.webUrl() == null ? session.webAppUrl() : o.webUrl());
            return follow(
                    script == null ? Long.valueOf(session.testId()) : o.testId(),
                    script,
                    note(o, script),
                    settings,
                    clients.apply(target));
        } catch (IOException e) {
            err.println("Could not start the k6 Cloud simulator: " + e.getMessage());
            return ExitCodes.NOT_FOLLOWED;
        }
    }

    /**
     * What the client is built for: {@code --api-flavour} (else v6 to upload a script and v2 otherwise)
     * and the stack id ({@link #stackId}, else the simulator's when {@code simulator} is not {@code null}).
     */
    private ClientTarget target(
            CliArguments o, CliScript script, URI api, ApiToken token, EmbeddedK6Cloud.Session simulator)
            throws UsageException {
        ApiFlavour flavour = o.apiFlavour() != null ? o.apiFlavour() : script != null ? ApiFlavour.V6 : ApiFlavour.V2;
        Long stackId = stackId(o, simulator == null ? null : simulator.stackId());
        if (flavour.requiresStackId() && stackId == null) {
            throw new UsageException(
                    simulator != null
                            ? "--api-flavour v6 needs a stack id and the simulator has none: give --stack-id N"
                            : "--api-flavour v6 (Grafana Cloud k6) needs the id of your Grafana Cloud stack: give"
                                    + " --stack-id N or set the environment variable " + STACK_ID_VARIABLE);
        }
        return new ClientTarget(api, token, flavour, stackId);
    }

    /** {@code --stack-id}, else {@value #STACK_ID_VARIABLE}, else {@code fallback}. */
    private Long stackId(CliArguments o, Long fallback) throws UsageException {
        if (o.stackId() != null) {
            return o.stackId();
        }
        String fromEnv = env.get(STACK_ID_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return CliArguments.stackId(fromEnv, STACK_ID_VARIABLE);
        }
        return fallback;
    }

    private static String describe(ClientTarget t) {
        return t.flavour() == ApiFlavour.V2 ? "" : " with " + t.flavour().displayName() + ", stack " + t.stackId();
    }

    private static RunSettings settings(CliArguments o, Duration poll, String webUrl) throws UsageException {
        try {
            return RunSettings.of(
                    webUrl != null ? webUrl : RunSettings.DEFAULT_WEB_APP_URL,
                    poll != null ? poll : RunSettings.DEFAULT_POLL_INTERVAL,
                    o.timeout() != null ? o.timeout() : RunSettings.DEFAULT_TIMEOUT,
                    BuildResult.FAILURE,
                    true);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Uploads {@code script} (when given), starts a run of the load test and follows it; sets
     * {@code note} (when given) on the run once its id is known.
     *
     * @param testId the load test to run, or whose script {@code script} replaces; {@code null} to
     *     create or update the load test named in {@code script}
     */
    private int follow(Long testId, CliScript script, String note, RunSettings settings, K6CloudClient client) {
        currentSettings = settings;
        LoadTestScripts scripts = client instanceof LoadTestScripts s ? s : null;
        if ((script != null || note != null) && scripts == null) {
            err.println("k6cloud: this k6 Cloud client cannot upload scripts or set notes");
            return ExitCodes.USAGE;
        }
        LoadTest test = null;
        if (script != null) {
            CliScript.Result uploaded = script.upload(out, scripts, client, testId, this::beginUpload, this::endUpload);
            if (uploaded.test() == null) {
                return uploaded.exitCode();
            }
            test = uploaded.test();
        }
        AtomicReference<Thread> noteSetter = new AtomicReference<>();
        try (RunEngine engine = engines.get()) {
            RunEvents printer = new RunEvents() {
                @Override
                public void onLine(String line) {
                    out.println(line);
                }

                @Override
                public void onStarted(WatchState state) {
                    if (note != null && state.runId() != null) {
                        Thread t = noteSetter(scripts, state.runId(), note);
                        if (noteSetter.compareAndSet(null, t)) {
                            t.start();
                        }
                    }
                }
            };
            RunWatch handle;
            synchronized (startLock) {
                if (interruptRequested) {
                    out.println(CliScript.verdictLine(
                            Verdict.CANCELLED, "interrupted before the start: no run was started."));
                    return ExitCodes.INTERRUPTED;
                }
                handle = engine.start(test != null ? test.id() : testId, settings, client, printer);
                current = handle;
            }
            // the cancels happen here, before the engine is closed: a closed engine sends no stop
            int code = await(handle, settings, client);
            if (test != null) {
                out.println(script.summary(test));
            }
            return code;
        } finally {
            awaitNote(noteSetter.get());
        }
    }

    /**
     * Sets the note of run {@code runId} on a named thread of its own (the engine's callbacks must not
     * block). A note that cannot be set is a warning line on standard error, never a failed run.
     */
    private Thread noteSetter(LoadTestScripts scripts, long runId, String note) {
        Thread t = new Thread(
                () -> {
                    try {
                        scripts.setNote(runId, note);
                        out.println("Set the note of run " + runId + ": " + note);
                    } catch (K6CloudException e) {
                        err.println("Warning: could not set the note of run " + runId + " (the run is not affected): "
                                + e.getMessage());
                    }
                },
                THREAD_PREFIX + "-note");
        t.setDaemon(true);
        return t;
    }

    /** Waits for the note's thread (when one started), at most {@link #NOTE_WAIT}; then interrupts it. */
    private void awaitNote(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(NOTE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            t.interrupt();
            if (!Thread.currentThread().isInterrupted()) {
                err.println("Warning: the note of the run was not set within " + DurationFormat.format(NOTE_WAIT)
                        + " (the run is not affected)");
            }
        }
    }

    /** The upload is about to start on this thread; {@code false} when an interrupt came first. */
    private boolean beginUpload() {
        synchronized (startLock) {
            if (interruptRequested) {
                return false;
            }
            uploading = Thread.currentThread();
            return true;
        }
    }

    /**
     * The upload ended; clears the interrupt {@link #interrupt()} gave it and keeps the caller's.
     * Returns whether either came, so that nothing is started.
     */
    private boolean endUpload() {
        synchronized (startLock) {
            uploading = null;
            if (uploadInterrupted) {
                Thread.interrupted(); // ours: the runner goes on to report
            } else if (Thread.currentThread().isInterrupted()) {
                interruptRequested = true; // the caller's: kept, and nothing is started
            }
            return interruptRequested;
        }
    }

    /**
     * Waits for the outcome (bounded), cancelling once when the wait is interrupted or gives up; then
     * prints the run's metrics.
     */
    private int await(RunWatch handle, RunSettings settings, K6CloudClient client) {
        OutcomeWait.Waited w =
                OutcomeWait.await(handle.outcome(), settings, new CompletableFuture<>(), new OutcomeWait.Canceller() {
                    @Override
                    public void cancel(boolean interrupted, Duration bound) {
                        if (!interrupted) {
                            err.println(
                                    "The run was not judged within its timeouts; giving up (check it in the k6 web app)");
                        }
                        cancelOnce(interrupted ? "interrupted" : "the command-line runner gave up waiting");
                    }

                    @Override
                    public void stopWaiting(Duration bound) {
                        err.println("The run could not be confirmed stopped; check it in the k6 web app");
                    }
                });
        if (w.interrupted()) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        }
        if (w.gaveUp() || w.outcome() == null) {
            return ExitCodes.NOT_FOLLOWED;
        }
        printMetrics(client, w.outcome());
        return ExitCodes.of(w.outcome().verdict());
    }

    /**
     * The run's metrics after the verdict, in the lines the Jenkins console shows (compared with k6's
     * baseline run when k6 reports one). Best effort: a failed read is one line and changes no exit code.
     */
    private void printMetrics(K6CloudClient client, RunOutcome outcome) {
        if (!outcome.followedToItsEnd()) {
            return;
        }
        try {
            RunMetrics m = client.getRunMetrics(outcome.runId());
            MetricsTable.of(m, MetricsTable.Earlier.of(m, outcome.runId(), null))
                    .consoleLines()
                    .forEach(out::println);
        } catch (K6CloudException | RuntimeException e) {
            if (e instanceof K6CloudException.InterruptedCallException) {
                Thread.currentThread().interrupt();
            }
            out.println(MetricsTable.unavailableLine(e.getMessage()));
        }
    }
}
