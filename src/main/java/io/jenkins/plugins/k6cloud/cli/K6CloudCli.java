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
import io.jenkins.plugins.k6cloud.api.ScriptSource;
import io.jenkins.plugins.k6cloud.cli.CliArguments.Option;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * The command-line runner: the Jenkins plugin's engine, a k6-style exit code. {@link #run} never calls
 * {@code System.exit}, so tests call it in-process; {@link #interrupt} is what SIGINT/SIGTERM do.
 */
public final class K6CloudCli {
    public static final String STACK_ID_VARIABLE = "K6_CLOUD_STACK_ID";

    static final Duration SIMULATED_POLL_INTERVAL = Duration.ofSeconds(1);
    static final String THREAD_PREFIX = "k6-cloud-cli";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Function<ClientTarget, K6CloudClient> clients;
    private final Supplier<Optional<EmbeddedK6Cloud>> clouds;
    private final Supplier<RunEngine> engines;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int exitCode = ExitCodes.INTERRUPTED;
    // guarded by this: an interrupt during the upload starts nothing; a run is cancelled once (a second
    // cancel would stop waiting for the run's end)
    private boolean interrupted;
    private Thread uploading;
    private boolean uploadInterrupted;
    private RunWatch current;
    private boolean cancelSent;

    public record ClientTarget(URI apiUrl, ApiToken token, ApiFlavour flavour, Long stackId) {}

    private record Script(Path file, long size, String testName) {}

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

    static K6CloudClient httpClient(ClientTarget t) {
        ClientOptions options = ClientOptions.defaults().withStackId(t.stackId());
        return new HttpK6CloudClient(t.flavour(), new OkHttpClient(), t.apiUrl(), t.token(), options);
    }

    public static void main(String[] args) {
        K6CloudCli cli = new K6CloudCli(
                System.out,
                System.err,
                System.getenv(),
                K6CloudCli::httpClient,
                EmbeddedK6Cloud::find,
                () -> RunEngine.withThreads(THREAD_PREFIX, 1));
        Runtime.getRuntime().addShutdownHook(new Thread(cli::onSignal, THREAD_PREFIX + "-shutdown"));
        int code = cli.run(args);
        System.out.flush();
        System.exit(code);
    }

    public int run(String... args) {
        try {
            exitCode = execute(CliArguments.parse(args));
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

    /** SIGINT/SIGTERM: cancel like an aborted build; {@link #run} then returns {@link ExitCodes#INTERRUPTED}. */
    public void interrupt() {
        synchronized (this) {
            interrupted = true;
            if (uploading != null && !uploadInterrupted) {
                uploadInterrupted = true;
                uploading.interrupt();
            }
        }
        cancelOnce("interrupted by a signal");
    }

    private void cancelOnce(String reason) {
        RunWatch watch;
        synchronized (this) {
            watch = cancelSent ? null : current;
            cancelSent |= watch != null;
        }
        if (watch != null) {
            watch.cancel(reason);
        }
    }

    private void onSignal() {
        if (finished.getCount() == 0) {
            return;
        }
        err.println("Stopping the k6 Cloud run in response to the signal...");
        interrupt();
        Duration bound = RunSettings.DEFAULT_CANCEL_WAIT.plus(OutcomeWait.MARGIN); // the runner's cancel wait
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
        Runtime.getRuntime().halt(ExitCodes.INTERRUPTED); // System.exit cannot change the status during shutdown
    }

    private int execute(CliArguments o) throws UsageException {
        if (o.has(Option.HELP)) {
            out.print(CliArguments.USAGE);
            return ExitCodes.PASSED;
        }
        String value = env.get(K6CloudDefaults.TOKEN_VARIABLE);
        boolean hasToken = value != null && !value.isEmpty();
        if (o.has(Option.SIMULATE) || (!o.has(Option.API_URL) && !hasToken)) {
            return simulate(o);
        }
        if (!hasToken) {
            throw new UsageException(
                    "--api-url " + o.get(Option.API_URL) + " needs a token: set the environment variable "
                            + K6CloudDefaults.TOKEN_VARIABLE
                            + " to a k6 Cloud API token (or leave out --api-url to use the simulator)");
        }
        ApiToken token;
        try {
            token = ApiToken.of(value, "in the environment variable " + K6CloudDefaults.TOKEN_VARIABLE);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return start(o, o.get(Option.API_URL, URI.create(K6CloudDefaults.API_URL)), token, null);
    }

    private int simulate(CliArguments o) throws UsageException {
        Optional<EmbeddedK6Cloud> found;
        try {
            found = clouds.get();
        } catch (ServiceConfigurationError e) {
            throw new UsageException("The k6 Cloud simulator on the class path could not be loaded (" + e.getMessage()
                    + "); rebuild it with: mvn -f offline/pom.xml install -DskipTests");
        }
        EmbeddedK6Cloud cloud = found.orElseThrow(() -> new UsageException("The k6 Cloud simulator is not on the"
                + " class path. Run bin/k6cloud from a clone of the plugin (it builds the test classes that carry the"
                + " simulator), or follow a real run: set " + K6CloudDefaults.TOKEN_VARIABLE
                + " and give --api-url and --test-id."));
        String given = o.get(Option.SIMULATE);
        String scenario = given == null || given.isEmpty() ? cloud.scenarios().get(0) : given;
        if (!cloud.scenarios().contains(scenario)) {
            throw new UsageException("The simulator has no scenario '" + scenario + "': choose one of "
                    + String.join(", ", cloud.scenarios()));
        }
        try (EmbeddedK6Cloud.Session session = cloud.start(scenario)) {
            out.println("k6 Cloud simulator at " + session.apiUrl() + ", playing scenario '" + scenario
                    + "' (scenarios: " + String.join(", ", cloud.scenarios()) + ")");
            return start(o, session.apiUrl(), session.token(), session);
        } catch (IOException e) {
            err.println("Could not start the k6 Cloud simulator: " + e.getMessage());
            return ExitCodes.NOT_FOLLOWED;
        }
    }

    private int start(CliArguments o, URI api, ApiToken token, EmbeddedK6Cloud.Session sim) throws UsageException {
        Script script = script(o, sim == null ? null : sim.demoScript());
        Long testId = o.get(Option.TEST_ID);
        if (sim == null && testId == null && script == null) {
            throw new UsageException("Give the load test to run with --test-id ID, or a k6 script to upload and run"
                    + " with --script FILE");
        }
        if (sim != null && script == null) {
            if (testId != null && testId != sim.testId()) {
                out.println("Ignoring --test-id " + testId + ": the simulator serves load test " + sim.testId());
            }
            testId = sim.testId();
        }
        ApiFlavour flavour = o.get(Option.API_FLAVOUR, script != null ? ApiFlavour.V6 : ApiFlavour.V2);
        String fromEnv = env.get(STACK_ID_VARIABLE);
        Long stackId = o.has(Option.STACK_ID)
                ? o.get(Option.STACK_ID)
                : fromEnv != null && !fromEnv.isBlank()
                        ? Long.valueOf(CliArguments.stackId(fromEnv, STACK_ID_VARIABLE))
                        : sim == null ? null : sim.stackId();
        if (flavour.requiresStackId() && stackId == null) {
            throw new UsageException(
                    sim != null
                            ? "--api-flavour v6 needs a stack id and the simulator has none: give --stack-id N"
                            : "--api-flavour v6 (Grafana Cloud k6) needs the id of your Grafana Cloud stack: give"
                                    + " --stack-id N or set the environment variable " + STACK_ID_VARIABLE);
        }
        String note = o.get(Option.NOTE);
        if (script != null && note == null) {
            String host = env.getOrDefault("HOSTNAME", "").isBlank() ? env.get("COMPUTERNAME") : env.get("HOSTNAME");
            note = "Started by bin/k6cloud" + (host == null || host.isBlank() ? "" : " on " + host.strip()) + " from "
                    + script.file();
        } else if (script == null && note != null && flavour != ApiFlavour.V6) {
            throw new UsageException("--note sets the run's note in Grafana Cloud k6, which only its v6 API can do:"
                    + " add --api-flavour v6 (with --stack-id N)");
        }
        RunSettings settings = RunSettings.of( // checked in CliArguments
                String.valueOf(o.get(Option.WEB_URL, sim != null ? sim.webAppUrl() : RunSettings.DEFAULT_WEB_APP_URL)),
                o.get(Option.POLL_INTERVAL, sim != null ? SIMULATED_POLL_INTERVAL : RunSettings.DEFAULT_POLL_INTERVAL),
                o.get(Option.TIMEOUT, RunSettings.DEFAULT_TIMEOUT),
                BuildResult.FAILURE,
                true);
        K6CloudClient client = clients.apply(new ClientTarget(api, token, flavour, stackId));
        if ((script != null || note != null) && !(client instanceof LoadTestScripts)) {
            throw new UsageException("k6cloud: this k6 Cloud client cannot upload scripts or set notes");
        }
        if (sim == null) {
            out.println((script == null ? "Running k6 Cloud load test " + testId : "Uploading and running a k6 script")
                    + " at " + api
                    + (flavour == ApiFlavour.V2 ? "" : " with " + flavour.displayName() + ", stack " + stackId)
                    + " (poll every " + DurationFormat.format(settings.pollInterval()) + ", timeout "
                    + DurationFormat.format(settings.timeout()) + ")");
        }
        LoadTest test = null;
        if (script != null) {
            test = upload(client, testId, o.get(Option.PROJECT_ID), script);
            if (test == null) {
                return exitCode;
            }
            testId = test.id();
        }
        int code = follow(testId, settings, client, note);
        if (test != null) {
            out.println("Load test: " + LoadTestScripts.describe(test) + ", script " + script.file() + " ("
                    + LoadTestScripts.bytes(script.size()) + ")");
        }
        return code;
    }

    private static Script script(CliArguments o, Path demo) throws UsageException {
        Path file = o.get(Option.SCRIPT, demo);
        if (file == null) {
            return null;
        }
        String what = "--script " + file;
        if (Files.isDirectory(file)) {
            throw new UsageException(what + " is a directory: give a k6 script file (.js) or a k6 archive (.tar,"
                    + " made with k6 archive)");
        }
        if (!Files.exists(file)) {
            throw new UsageException(
                    what + ": there is no such file; give the path of a k6 script (.js) or a k6 archive (.tar)");
        }
        long size;
        try {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IOException("not a readable file");
            }
            size = Files.size(file);
        } catch (IOException e) {
            throw new UsageException(what + " cannot be read (" + e.getMessage() + "): check its permissions");
        }
        if (size == 0) {
            throw new UsageException(what + " is empty: there is nothing to upload");
        }
        String name = o.has(Option.TEST_NAME)
                ? o.get(Option.TEST_NAME)
                : CliArguments.testName(
                        ScriptSource.defaultTestName(String.valueOf(file.getFileName())), "--test-name");
        if (o.get(Option.API_FLAVOUR) == ApiFlavour.V2) {
            throw new UsageException("--script uploads the k6 script to Grafana Cloud k6, which only its v6 API can"
                    + " do, and --api-flavour v2 is selected: choose --api-flavour v6 (with --stack-id N), or leave"
                    + " out --api-flavour");
        }
        return new Script(file, size, name);
    }

    /** On this thread, which {@link #interrupt} interrupts; {@code null} (and {@link #exitCode} set): no start. */
    private LoadTest upload(K6CloudClient client, Long testId, Long projectId, Script script) {
        out.println(LoadTestScripts.announce(
                testId, script.testName(), projectId, script.file().toString(), script.size()));
        synchronized (this) {
            if (interrupted) {
                return noRun(Verdict.CANCELLED, "interrupted during the upload of the k6 script: no run was started.");
            }
            uploading = Thread.currentThread();
        }
        LoadTest test = null;
        K6CloudException failure = null;
        boolean stop;
        try {
            test = LoadTestScripts.uploadForRun(
                    (LoadTestScripts) client,
                    client,
                    testId,
                    projectId,
                    script.testName(),
                    ScriptSource.of(script.file()));
        } catch (K6CloudException e) {
            failure = e;
        } finally {
            stop = endUpload();
        }
        if (stop || failure instanceof K6CloudException.InterruptedCallException) {
            return noRun(
                    Verdict.CANCELLED,
                    "interrupted during the upload of the k6 script: no run was started"
                            + (test == null ? "." : " (" + LoadTestScripts.describe(test) + " has the new script)."));
        }
        if (failure != null) {
            return noRun(
                    failure.isTransient() ? Verdict.UNREACHABLE : Verdict.CONFIGURATION_ERROR,
                    "the k6 script was not uploaded, so no run was started: " + failure.getMessage());
        }
        out.println("Uploaded: " + LoadTestScripts.describe(test));
        return test;
    }

    /** Clears the interrupt {@link #interrupt} gave the upload, keeps the caller's; whether either came. */
    private synchronized boolean endUpload() {
        uploading = null;
        if (uploadInterrupted) {
            Thread.interrupted(); // ours: the runner goes on to report
        } else if (Thread.currentThread().isInterrupted()) {
            interrupted = true; // the caller's: kept, and nothing is started
        }
        return interrupted;
    }

    private LoadTest noRun(Verdict v, String message) {
        out.println(
                "k6 Cloud verdict: " + v + " (build result " + v.buildResult(BuildResult.FAILURE) + ") - " + message);
        exitCode = ExitCodes.of(v);
        return null;
    }

    private int follow(long testId, RunSettings settings, K6CloudClient client, String note) {
        ExecutorService notes = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, THREAD_PREFIX + "-note");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<CompletableFuture<?>> noted = new AtomicReference<>();
        try (RunEngine engine = engines.get()) {
            RunEvents printer = new RunEvents() {
                @Override
                public void onLine(String line) {
                    out.println(line);
                }

                @Override
                public void onStarted(WatchState state) {
                    if (note != null && state.runId() != null && noted.get() == null) {
                        long runId = state.runId();
                        noted.set(LoadTestScripts.setNoteLater(client, runId, note, notes)
                                .handle((v, e) -> {
                                    if (e == null) {
                                        out.println("Set the note of run " + runId + ": " + note);
                                    } else {
                                        err.println("Warning: could not set the note of run " + runId
                                                + " (the run is not affected): " + e.getMessage());
                                    }
                                    return null;
                                }));
                    }
                }
            };
            RunWatch watch;
            synchronized (this) {
                if (interrupted) {
                    noRun(Verdict.CANCELLED, "interrupted before the start: no run was started.");
                    return ExitCodes.INTERRUPTED;
                }
                watch = engine.start(testId, settings, client, printer);
                current = watch;
            }
            return await(watch, settings, client); // before the engine closes: a closed engine sends no stop
        } finally {
            awaitNote(noted.get(), notes);
        }
    }

    /** Waits for a note that was asked for, at most {@link LoadTestScripts#NOTE_WAIT}; then stops its thread. */
    private void awaitNote(CompletableFuture<?> noted, ExecutorService notes) {
        try {
            if (noted != null) {
                noted.get(LoadTestScripts.NOTE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            err.println("Warning: the note of the run was not set within "
                    + DurationFormat.format(LoadTestScripts.NOTE_WAIT) + " (the run is not affected)");
        } finally {
            notes.shutdownNow();
        }
    }

    private int await(RunWatch watch, RunSettings settings, K6CloudClient client) {
        OutcomeWait.Waited w =
                OutcomeWait.await(watch.outcome(), settings, new CompletableFuture<>(), new OutcomeWait.Canceller() {
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

    /** Best effort: a failed read is one line and changes no exit code. */
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
