package io.jenkins.plugins.k6cloud.pipeline;

import static io.jenkins.plugins.k6cloud.pipeline.StepPlay.WAIT;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.SettableFuture;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.k6cloud.FakeTaskListener;
import io.jenkins.plugins.k6cloud.Outcomes;
import io.jenkins.plugins.k6cloud.action.K6CloudRunAction;
import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.RetryPolicy;
import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.results.JUnitReportTest;
import io.jenkins.plugins.k6cloud.results.RegressionGate;
import io.jenkins.plugins.k6cloud.results.RunFigures;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.Outcome;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.UploadRecord;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import io.jenkins.plugins.k6cloud.testing.ForwardingK6CloudClient;
import io.jenkins.plugins.k6cloud.testing.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The {@code k6CloudRun} execution against the k6 Cloud simulator, with the engine in virtual time on the
 * test's thread ({@link StepPlay}): start without I/O on the caller's thread, the verdicts, the metrics and the
 * gate, stop, restarts without a second run, tests as code and the JUnit file.
 */
public class K6CloudRunStepExecutionTest {
    private static final String SCRIPT = "export default function () {}\n";

    static {
        // see EngineHarness: without it every response waits for a delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final ManualClock clock = new ManualClock();
    private final FakeTaskListener log = new FakeTaskListener();
    private final FakeBuild build = new FakeBuild();
    private final List<StepPlay> plays = new ArrayList<>();
    private K6CloudSimulator sim;
    private okhttp3.OkHttpClient http;

    @Before
    public void startSimulator() throws IOException {
        sim = K6CloudSimulator.builder().clock(clock).start();
        http = new okhttp3.OkHttpClient();
    }

    @After
    public void stopEverything() {
        plays.forEach(StepPlay::close);
        sim.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    public void startReturnsAtOnceAndThePassedRunIsTheStepsValue() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        StepPlay p = play(context());
        K6CloudRunStepExecution exec = new K6CloudRunStepExecution(p.context, testId, options(null));
        exec.use(p);

        assertFalse("the step goes on asynchronously", exec.start());
        p.runUntilEnded();

        Map<?, ?> value = value(p);
        assertEquals("PASSED", value.get("verdict"));
        assertEquals(1, p.endings());
        assertFalse(
                "prepared on " + p.prepareThreads,
                p.prepareThreads.contains(Thread.currentThread().getName()));
        assertThat("saved before the start and when the run id was known", p.saves(), greaterThanOrEqualTo(2));
        assertEquals(value.get("runId"), ((K6CloudRunAction) build.added.get(0)).getRunId());
        assertEquals(1, build.added.size());
        assertTrue(build.results.isEmpty());
        assertThat(log.text(), containsString(sim.webAppUrl() + "/runs/" + value.get("runId")));
        assertEquals(1, sim.journal().startsFor(testId).size());
    }

    // ------------------------------------------------------------------ verdicts, metrics, the gate

    @Test
    public void failedThresholdsMarkTheBuildUnstableOrFailTheStepWithoutAStackTrace() throws Exception {
        long testId = sim.addLoadTest("limits", Scenarios.thresholdsFail());
        StepPlay unstable = play(context());
        unstable.start(testId, options("UNSTABLE"));
        unstable.runUntilEnded();
        assertEquals("THRESHOLDS_FAILED", value(unstable).get("verdict"));
        assertEquals(List.of(Result.UNSTABLE), build.results);
        assertThat(log.text(), containsString("WARNING: "));

        FakeBuild other = new FakeBuild();
        StepPlay failing = play(new FakeStepContext().with(Run.class, other).with(TaskListener.class, log));
        failing.start(testId, options(null));
        failing.runUntilEnded();
        Throwable failure = failure(failing);
        assertThat(failure, instanceOf(AbortException.class));
        assertThat(failure.getMessage(), containsString("thresholds failed"));
        assertTrue(other.results.isEmpty());
        assertEquals(1, other.added.size());
    }

    @Test
    public void aRunStoppedInTheWebAppEndsTheStepAsAbortedNotAsAnError() throws Exception {
        long testId = sim.addLoadTest("stopped", Scenarios.of(Outcome.STOPPED_IN_WEB_APP));
        StepPlay p = play(context());
        p.start(testId, options(null));
        p.runUntilEnded();

        FlowInterruptedException aborted = (FlowInterruptedException) failure(p);
        assertEquals(Result.ABORTED, aborted.getResult());
        assertFalse("nobody aborted the build: catchError and try/catch may handle it", aborted.isActualInterruption());
        assertThat(aborted.getCauses().get(0).getShortDescription(), containsString("stopped in the k6 web app"));
        assertTrue("the result comes from the exception, not from the step", build.results.isEmpty());
        assertEquals(1, build.added.size());
    }

    @Test
    public void theMetricsFollowTheVerdictComparedWithThePreviousBuildOfTheSameLoadTest() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        FakeBuild previous = new FakeBuild();
        previous.addAction(withFigures(Outcomes.ofTest(Outcomes.passed(1), testId), 250.0));
        // the latest action of that build, but of another load test
        previous.addAction(withFigures(Outcomes.ofTest(Outcomes.passed(2), testId + 1), 1.0));
        build.previous = previous;
        StepPlay p = play(context());
        p.start(testId, options(null));
        p.runUntilEnded();

        Map<?, ?> value = value(p);
        assertEquals("PASSED", value.get("verdict"));
        Map<?, ?> metrics = (Map<?, ?>) value.get("metrics");
        assertEquals("build #1", metrics.get("comparedWith"));
        assertEquals(312.4, (Double) metrics.get("p95Ms"), 1e-9);
        String console = log.text();
        assertThat(console, containsString("k6 Cloud metrics (changes against build #1):\n"));
        assertThat(console, containsString("  response time p95: 312 ms (+25.0 %, worse)"));
        assertTrue(
                "after the verdict", console.indexOf("k6 Cloud metrics") > console.indexOf("k6 Cloud verdict: PASSED"));
        K6CloudRunAction action = (K6CloudRunAction) build.added.get(0);
        assertEquals("build #1", action.getMetricsComparedWith());
        assertEquals(312.4, action.figures().p95Ms(), 1e-9);
        assertEquals(1, sim.journal().count(Endpoint.METRICS));
    }

    @Test
    public void aFailedMetricsReadIsOneLineAndChangesNoVerdictWithOrWithoutTheGate() throws Exception {
        long testId = sim.addLoadTest("limits", Scenarios.thresholdsFail());
        sim.faults().inject(Endpoint.METRICS, 5, Fault.serverError(500));
        StepPlay p = play(context());
        p.start(testId, options("UNSTABLE"));
        p.runUntilEnded();

        Map<?, ?> value = value(p);
        assertEquals("THRESHOLDS_FAILED", value.get("verdict"));
        assertEquals(List.of(Result.UNSTABLE), build.results);
        assertEquals(Set.of("unavailable"), ((Map<?, ?>) value.get("metrics")).keySet());
        assertEquals(1, log.text().split("metrics not available: ", -1).length - 1);
        assertThat(((K6CloudRunAction) build.added.get(0)).getMetricsUnavailable(), containsString("/result_summary"));

        long passing = sim.addLoadTest("smoke", Scenarios.passes());
        FakeBuild gated = new FakeBuild();
        gated.previous = new FakeBuild();
        gated.previous.addAction(withFigures(Outcomes.ofTest(Outcomes.passed(1), passing), 100.0));
        sim.faults().inject(Endpoint.METRICS, 5, Fault.serverError(500));
        StepPlay g = play(new FakeStepContext().with(Run.class, gated).with(TaskListener.class, log));
        g.start(passing, options(null).withMaxRegression("10%"));
        g.runUntilEnded();
        assertEquals("PASSED", value(g).get("verdict"));
        assertTrue(gated.results.isEmpty());
        assertThat(log.text(), containsString(RegressionGate.unreadable()));
    }

    @Test
    public void aRegressionAgainstTheLastPassedBuildIsRegressedWithTheResultThresholdFailureNames() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        RunConfig.Options gated = options("UNSTABLE").withMaxRegression("10%");
        FakeBuild first = new FakeBuild();
        StepPlay p1 = play(new FakeStepContext().with(Run.class, first).with(TaskListener.class, log));
        p1.start(testId, gated);
        p1.runUntilEnded();
        assertEquals("PASSED", value(p1).get("verdict"));
        assertThat(
                log.text(),
                containsString(
                        "Regression gate: no earlier passed build of this load test to compare with; it passes."));

        sim.setScenario(testId, Scenarios.passesSlower()); // p95 312.4 ms -> 401 ms, thresholds still met
        FakeBuild failedFaster = new FakeBuild(); // build #2: faster, but not what the gate compares with
        failedFaster.previous = first;
        failedFaster.addAction(withFigures(Outcomes.ofTest(Outcomes.thresholdsFailed(2), testId), 100.0));
        build.previous = failedFaster;
        StepPlay p2 = play(context());
        p2.start(testId, gated);
        p2.runUntilEnded();

        Map<?, ?> value = value(p2);
        assertEquals("REGRESSED", value.get("verdict"));
        assertEquals("UNSTABLE", value.get("result"));
        assertEquals(List.of(Result.UNSTABLE), build.results);
        assertTrue("thresholds were met", first.results.isEmpty());
        String console = log.text();
        assertThat(console, containsString("Regression gate: worse than build #1 beyond 10 %:\n"));
        assertThat(console, containsString("\n  p95 312 ms -> 401 ms (+28.4 %, limit 10 %)\n"));
        assertThat(console, containsString("\n  http_req_duration: p(95)<500 312.4 -> 401 (+28.4 %, limit 10 %)\n"));
        assertThat(console, containsString("k6 Cloud verdict: REGRESSED (build result UNSTABLE) - k6 Cloud run "));
        K6CloudRunAction action = (K6CloudRunAction) build.added.get(0);
        assertEquals("REGRESSED", action.getVerdict());
        assertEquals("UNSTABLE", action.getBuildResult());
        assertEquals(value.get("message"), action.getMessage());
        assertThat(action.getMessage(), containsString("p95 312 ms -> 401 ms (+28.4 %, limit 10 %)"));
    }

    @Test
    public void aRunThatIsNotFollowedHasNoMetricsAndItsSavedEndIsReportedAfterARestart() throws Exception {
        long testId = sim.addLoadTest("fire and forget", Scenarios.passes());
        StepPlay before = play(context());
        before.start(testId, new RunConfig.Options(null, null, null, null, false));
        before.runUntilEnded();
        Map<?, ?> value = value(before);
        assertEquals("STARTED", value.get("verdict"));
        assertFalse(value.containsKey("metrics"));
        assertEquals(0, sim.journal().count(Endpoint.METRICS));
        before.engine.close();
        long requests = sim.journal().totalRequests();

        // the restart came after the end was saved, before Jenkins recorded that the step had ended
        StepPlay after = restart(before);

        assertEquals(value, value(after));
        assertEquals("not re-attached", 0, after.engineCalls.get());
        assertEquals(
                "nothing more was asked of k6 Cloud", requests, sim.journal().totalRequests());
        assertFalse(after.execution.blocksRestart());
    }

    @Test
    public void jenkinsShuttingDownDuringTheMetricsReadLeavesTheStepToTheRestartWhichReadsThem() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        CountDownLatch reading = new CountDownLatch(1);
        StepPlay before = play(context(), ApiFlavour.V2, client -> new ForwardingK6CloudClient(client) {
            @Override
            public RunMetrics getRunMetrics(long runId) throws K6CloudException {
                reading.countDown();
                await(new CountDownLatch(1)); // a call in flight, until the shutdown interrupts it
                throw new K6CloudException.InterruptedCallException("interrupted", "GET /metrics", null);
            }
        });
        before.start(testId, options(null));
        assertTrue(before.scheduled.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        before.scheduler.runUntilDone(new CompletableFuture<>(), Duration.ofHours(1)); // the run ends
        assertTrue(reading.await(WAIT.toSeconds(), TimeUnit.SECONDS));

        before.engine.close(); // Jenkins shuts down: the engine, then the preparations (K6CloudEngine.shutdown)
        before.preparations.close();

        assertTrue(log.awaitText("goes on after the restart", WAIT));
        assertFalse("nothing reported to a Pipeline being suspended", before.context.end.isDone());
        StepPlay after = restart(before);
        after.runUntilEnded();
        Map<?, ?> value = value(after);
        assertEquals("PASSED", value.get("verdict"));
        assertEquals(312.4, (Double) ((Map<?, ?>) value.get("metrics")).get("p95Ms"), 1e-9);
        assertEquals(1, sim.journal().startsFor(testId).size());
    }

    // ------------------------------------------------------------------ stop

    @Test
    public void stopStopsTheRemoteRunAndEndsTheStepWithTheCause() throws Exception {
        long testId = sim.addLoadTest("long", Scenarios.passes());
        StepPlay p = play(context());
        K6CloudRunStepExecution exec = p.start(testId, options(null));
        p.runUntil(() -> running(testId), "the run is running");
        long runId = sim.journal().runsOf(testId).get(0).id();
        assertThat("the engine's status phrase", exec.getStatus(), containsString("run " + runId));

        Throwable cause =
                new FlowInterruptedException(Result.ABORTED, true, K6CloudRunStepTest.cause("Aborted by alice"));
        exec.stop(cause);
        p.runUntilEnded();

        assertSame(cause, failure(p));
        assertThat("who stopped it, not a class name", log.text(), containsString("(Aborted by alice)"));
        assertThat(log.text(), not(containsString(FlowInterruptedException.class.getSimpleName())));
        assertEquals(1, sim.journal().stopsFor(runId).size());
        assertTrue(sim.journal().runsLeftRunning().isEmpty());
        exec.stop(new InterruptedException("after the end"));
        assertEquals(1, p.endings());
    }

    @Test
    public void theOutcomeOfASecondStopIsReportedOnThePreparationsThreadNotOnTheCallersThread() throws Exception {
        long testId = sim.addLoadTest("long", Scenarios.passes());
        StepPlay p = play(context());
        K6CloudRunStepExecution exec = p.start(testId, options(null));
        p.runUntil(() -> running(testId), "the run is running");
        Throwable cause = new InterruptedException("aborted by the test");
        exec.stop(cause);
        p.scheduler.runDue(); // the stop request is sent

        Thread cps = new Thread(() -> exec.stop(new InterruptedException("aborted again")), "CPS VM thread (test)");
        cps.start();
        cps.join(WAIT.toMillis());
        assertFalse(cps.isAlive());
        p.runUntilEnded();

        assertSame("the first stop's cause", cause, failure(p));
        assertThat(build.addedOn, contains(startsWith("k6-test-preparation")));
        assertFalse(p.context.saveThreads.contains(cps.getName()));
    }

    @Test
    public void stopWhilePreparingOrBeforeThePreparationRanEndsTheStepAtOnceAndStartsNothing() throws Exception {
        long testId = sim.addLoadTest("never", Scenarios.passes());
        StepPlay preparing = play(context());
        preparing.holdPrepare = new CountDownLatch(1);
        K6CloudRunStepExecution exec = preparing.start(testId, options(null));
        assertTrue(preparing.preparing.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        Throwable cause = new InterruptedException("aborted while preparing");
        exec.stop(cause);
        assertSame("ended at once", cause, failure(preparing));
        preparing.holdPrepare.countDown();
        preparing.awaitPreparation(WAIT);

        StepPlay queued = play(context());
        CountDownLatch busy = new CountDownLatch(1);
        Future<?> blocker = queued.preparations.schedule(() -> await(busy), 0); // another step is preparing
        K6CloudRunStepExecution queuedExec = queued.start(testId, options(null));
        Throwable queuedCause = new InterruptedException("aborted before the preparation ran");
        queuedExec.stop(queuedCause);
        assertSame(queuedCause, failure(queued));
        assertTrue("the preparation will not run", queuedExec.preparation().isCancelled());
        busy.countDown();
        blocker.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        queued.awaitPreparation(WAIT);
        assertTrue("no credentials were looked up", queued.prepareThreads.isEmpty());

        for (StepPlay p : List.of(preparing, queued)) {
            assertEquals(0, p.engineCalls.get());
            assertEquals(1, p.endings());
            assertEquals("the ended step saved nothing", 0, p.saves());
        }
        assertEquals(0, sim.journal().totalRequests());
    }

    @Test
    public void aFailureWhileReportingTheOutcomeStillEndsTheStep() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        StepPlay p = play(context());
        p.start(testId, options(null));
        p.runUntil(() -> p.saves() >= 2, "the run id is saved");
        RuntimeException diskFull = new IllegalStateException("No space left on device");
        p.context.saveFailure = diskFull; // saving the step's end will fail

        p.runUntilEnded();

        assertSame(diskFull, failure(p));
        assertEquals(1, p.endings());
    }

    // ------------------------------------------------------------------ the first save, restarts

    @Test
    public void theStartRequestWaitsForTheFirstSaveAndBlocksARestartMeanwhile() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        StepPlay p = play(context());
        SettableFuture<Void> save = SettableFuture.create();
        K6CloudRunStepExecution exec = startedWithTheFirstSaveHeld(p, testId, save);
        assertEquals("nothing was sent", 0, sim.journal().count(Endpoint.START));
        assertEquals("not handed to the engine", 1, p.scheduled.getCount());
        assertTrue("the start request is about to be sent", exec.blocksRestart());

        p.context.saveReply = null;
        save.set(null);
        p.runUntilEnded();
        assertEquals("PASSED", value(p).get("verdict"));
        assertFalse(exec.blocksRestart());
    }

    @Test
    public void aStopWhileTheFirstSaveIsPendingOrAFailedSaveStartsNothing() throws Exception {
        long testId = sim.addLoadTest("never", Scenarios.passes());
        StepPlay stopped = play(context());
        SettableFuture<Void> save = SettableFuture.create();
        K6CloudRunStepExecution exec = startedWithTheFirstSaveHeld(stopped, testId, save);
        Throwable cause = new InterruptedException("aborted while saving");
        exec.stop(cause);
        save.set(null);
        assertSame(cause, failure(stopped));
        assertEquals(1, stopped.endings());

        StepPlay diskFull = play(context());
        diskFull.context.saveReply = Futures.immediateFailedFuture(new IOException("No space left on device"));
        diskFull.start(testId, options(null));
        Throwable failure = failure(diskFull);
        assertThat("a message, not a stack trace", failure, instanceOf(AbortException.class));
        assertThat(failure.getMessage(), containsString("No space left on device"));
        assertThat(failure.getMessage(), containsString("no run was started"));

        for (StepPlay p : List.of(stopped, diskFull)) {
            assertEquals("not handed to the engine", 1, p.scheduled.getCount());
        }
        assertEquals(0, sim.journal().count(Endpoint.START));
    }

    @Test
    public void afterARestartTheSameRunIsFollowedAgainWithTheSavedConnection() throws Exception {
        long testId = sim.addLoadTest("restart", Scenarios.passes());
        StepPlay before = play(context());
        before.start(testId, options(null));
        before.runUntil(() -> before.saves() >= 2, "the run id is saved");
        before.engine.close(); // Jenkins goes down; the run goes on in k6 Cloud

        StepPlay after = restart(before);
        after.runUntilEnded();

        Map<?, ?> value = value(after);
        assertEquals("PASSED", value.get("verdict"));
        assertEquals("one start only", 1, sim.journal().startsFor(testId).size());
        assertEquals(sim.journal().runsOf(testId).get(0).id(), value.get("runId"));
        assertFalse(before.context.end.isDone());
        assertEquals(
                "the saved connection, only the token read again",
                List.of("k6-token"),
                after.reconnected.stream()
                        .map(RunConfig.Connection::credentialsId)
                        .toList());
        assertEquals(sim.baseUrl(), after.reconnected.get(0).apiUrl());
        assertTrue("not prepared again from the global configuration", after.prepareThreads.isEmpty());
    }

    @Test
    public void whenTheTokenIsGoneAfterARestartTheMessageNamesTheRunAndItsLink() throws Exception {
        long testId = sim.addLoadTest("restart", Scenarios.passes());
        StepPlay before = play(context());
        before.start(testId, options(null));
        before.runUntil(() -> before.saves() >= 2, "the run id is saved");
        before.engine.close();
        long runId = sim.journal().runsOf(testId).get(0).id();

        StepPlay after = play(context());
        after.tokenGone = true;
        after.resume(readBack(before, after.context));

        Throwable failure = failure(after);
        assertThat(failure, instanceOf(AbortException.class));
        assertThat(failure.getMessage(), containsString("k6 Cloud run " + runId));
        assertThat(failure.getMessage(), containsString(sim.webAppUrl() + "/runs/" + runId));
        assertThat(failure.getMessage(), containsString("may still be running"));
        assertThat(failure.getMessage(), containsString("Cannot find the credentials 'k6-token'"));
        assertEquals(0, after.engineCalls.get());
    }

    @Test
    public void aRestartBeforeAnythingWasSavedPreparesAgainAndStartsTheRunOnce() throws Exception {
        long testId = sim.addLoadTest("early", Scenarios.passes());
        StepPlay p = play(context());
        // saved by the Pipeline before the step had saved a state of its own
        p.resume(new K6CloudRunStepExecution(p.context, testId, options(null)));
        p.runUntilEnded();

        assertEquals("PASSED", value(p).get("verdict"));
        assertEquals(1, sim.journal().startsFor(testId).size());
        assertFalse("prepared after the restart", p.prepareThreads.isEmpty());
    }

    @Test
    public void aStepPreparingWhenJenkinsShutsDownStaysPendingAndStartsOnceAfterTheRestart() throws Exception {
        long testId = sim.addLoadTest("shutdown", Scenarios.passes());
        StepPlay before = play(context());
        before.holdPrepare = new CountDownLatch(1);
        K6CloudRunStepExecution exec = before.start(testId, options(null));
        assertTrue(before.preparing.await(WAIT.toSeconds(), TimeUnit.SECONDS));

        before.engine.close(); // Jenkins shuts down (ItemListener.onBeforeShutdown) while the step prepares
        before.holdPrepare.countDown();
        exec.preparation().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(log.text(), containsString("goes on after the restart"));
        assertEquals("no state saved", 0, before.saves());
        assertStartsOnceAfterARestart(before, testId);
    }

    @Test
    public void aStepWhoseFirstSaveEndsAfterJenkinsBeganToShutDownStartsOnceAfterTheRestart() throws Exception {
        long testId = sim.addLoadTest("shutdown", Scenarios.passes());
        StepPlay before = play(context());
        SettableFuture<Void> save = SettableFuture.create();
        startedWithTheFirstSaveHeld(before, testId, save);

        before.engine.close(); // Jenkins shuts down; the state saved so far has no run id
        save.set(null);
        assertTrue(log.awaitText("goes on after the restart", WAIT));
        // the Pipeline's last save, after the engine closed, forgets the state: the restart starts the run
        assertStartsOnceAfterARestart(before, testId);
    }

    @Test
    public void aCrashAfterTheFirstSaveLooksForTheRunAndNeverStartsOne() throws Exception {
        long testId = sim.addLoadTest("crash", Scenarios.passes());
        StepPlay before = play(context());
        // saved, as far as the disk goes; the start request is about to go out
        startedWithTheFirstSaveHeld(before, testId, SettableFuture.create());

        // no shutdown: the engine is open when the state is read back, as after a crash
        StepPlay after = restart(before);
        after.runUntilEnded();

        assertTrue("the step ended", after.context.end.isDone());
        assertTrue("prepared only once", after.prepareThreads.isEmpty());
        assertEquals("the run is looked for, never started", 0, sim.journal().count(Endpoint.START));
    }

    // ------------------------------------------------------------------ tests as code, junitFile

    @Test
    public void aScriptInTheWorkspaceIsUploadedThenStartedAndTheRunsNoteNamesTheBuild() throws Exception {
        StepPlay p = play(workspaceContext(true).with(EnvVars.class, buildEnv("abc123")), ApiFlavour.V6);
        p.start(0, uploading());
        p.runUntilEnded();

        Map<?, ?> value = value(p);
        assertEquals("PASSED", value.get("verdict"));
        assertEquals("the file name without its extension", "checkout", value.get("testName"));
        assertEquals(3001L, value.get("projectId"));
        UploadRecord upload = sim.journal().uploads().get(0);
        assertEquals(1, sim.journal().uploads().size());
        assertEquals("the upload's own client (its longer timeout)", 1, p.uploadClients.get());
        assertEquals("checkout.js", upload.fileName());
        assertEquals(SCRIPT.length(), upload.size());
        assertEquals(value.get("testId"), upload.testId());
        assertEquals(1, sim.journal().startsFor(upload.testId()).size());
        long runId = (Long) value.get("runId");
        sim.journal().awaitRequest(Endpoint.NOTE, WAIT);
        assertEquals(
                "Jenkins job shop/checkout #42 (https://ci.example/job/shop/job/checkout/42/), commit abc123",
                sim.journal().noteOf(runId));
        assertTrue(log.awaitText("Set the note of k6 Cloud run " + runId, WAIT));
        assertThat(
                log.text(),
                containsString("Uploading k6 script load/checkout.js (" + SCRIPT.length()
                        + " bytes) to load test \"checkout\""));
        K6CloudRunAction action = (K6CloudRunAction) build.added.get(0);
        assertEquals("checkout", action.getTestName());
        assertEquals(Long.valueOf(3001), action.getProjectId());
    }

    @Test
    public void aScriptWithATestIdReplacesThatTestsScriptAndTheNoteParameterWins() throws Exception {
        long testId = sim.addLoadTest("existing", Scenarios.passes());
        StepPlay p = play(workspaceContext(true).with(EnvVars.class, buildEnv(null)), ApiFlavour.V6);
        p.start(testId, options(null).withWorkspaceFiles("load/checkout.js", "ignored", null, "nightly", null));
        p.runUntilEnded();

        Map<?, ?> value = value(p);
        assertEquals("PASSED", value.get("verdict"));
        assertEquals(testId, value.get("testId"));
        assertEquals("existing", value.get("testName"));
        assertFalse("replaced, not created", sim.journal().scriptOf(testId).created());
        assertEquals(0, sim.journal().count(Endpoint.CREATE_TEST));
        sim.journal().awaitRequest(Endpoint.NOTE, WAIT);
        assertEquals("nightly", sim.journal().noteOf((Long) value.get("runId")));
    }

    /** What is wrong with the step's input, said before any request. */
    private record BadInput(
            ApiFlavour flavour, Boolean workspace, long testId, RunConfig.Options options, String... message) {}

    @Test
    public void badInputIsAnErrorBeforeAnyRequest() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        RunConfig.Options missing = options(null).withWorkspaceFiles("load/missing.js", null, null, null, null);
        List<BadInput> rows = List.of(
                new BadInput(ApiFlavour.V2, null, 0, options(null), "(testId) or a k6 script"),
                new BadInput(ApiFlavour.V6, null, 0, uploading(), "script needs a workspace", "inside node { }"),
                new BadInput(
                        ApiFlavour.V2,
                        null,
                        testId,
                        options(null).withWorkspaceFiles(null, null, null, null, "k6.xml"),
                        "junitFile needs a workspace"),
                new BadInput(ApiFlavour.V2, true, 0, uploading(), "Grafana Cloud k6 (v6)"),
                new BadInput(ApiFlavour.V6, false, 0, missing, "'load/missing.js' is not in the workspace"),
                new BadInput(
                        ApiFlavour.V2,
                        null,
                        testId,
                        options(null).withMaxRegression("10"),
                        "maxRegression must be a percentage such as '10%'",
                        "got '10'"),
                new BadInput(ApiFlavour.V2, null, -5, options(null), "-5"));
        for (BadInput row : rows) {
            StepPlay p = play(row.workspace() == null ? context() : workspaceContext(row.workspace()), row.flavour());
            p.start(row.testId(), row.options());
            Throwable failure = failure(p);
            for (String part : row.message()) {
                assertThat(row.toString(), failure.getMessage(), containsString(part));
            }
            if (row.workspace() == null && row.options().script() != null) {
                assertTrue("nothing prepared", p.prepareThreads.isEmpty());
            }
        }
        assertEquals(0, sim.journal().totalRequests());
    }

    @Test
    public void aScriptK6RejectsOrFindsTooLargeFailsTheStepWithK6sMessageAndStartsNothing() throws Exception {
        StepPlay rejected = play(workspaceContext(false), ApiFlavour.V6);
        Files.write(workspace().resolve("load/checkout.js"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        rejected.start(0, uploading());
        Throwable failure = failure(rejected);
        assertThat(failure, instanceOf(AbortException.class));
        assertThat(failure.getMessage(), containsString("was not uploaded, so no run was started"));
        assertThat(failure.getMessage(), containsString("Uploaded content must be a javascript text encoded in UTF-8"));
        assertEquals(0, rejected.saves());

        sim.setMaxScriptBytes(10);
        StepPlay tooLarge = play(workspaceContext(true), ApiFlavour.V6);
        tooLarge.start(0, uploading());
        failure = failure(tooLarge);
        assertThat(failure.getMessage(), containsString("too large: it has " + SCRIPT.length() + " bytes"));
        assertThat(failure.getMessage(), containsString("HTTP 413"));
        assertEquals(0, sim.journal().count(Endpoint.START));
    }

    @Test
    public void aNoteThatCannotBeSetIsAWarningAndTheRunPasses() throws Exception {
        sim.faults().inject(Endpoint.NOTE, 5, Fault.serverError(500));
        StepPlay p = play(workspaceContext(true), ApiFlavour.V6);
        p.start(0, uploading());
        p.runUntilEnded();

        Map<?, ?> value = value(p);
        assertEquals("PASSED", value.get("verdict"));
        assertTrue(log.awaitText(
                "WARNING: could not set the note of k6 Cloud run " + value.get("runId") + " (the run is not affected)",
                WAIT));
        List<JournalEntry> notes = sim.journal().requests(Endpoint.NOTE);
        assertFalse(notes.isEmpty());
        assertTrue("every note refused: " + notes, notes.stream().allMatch(e -> e.status() == 500));
    }

    @Test
    public void anAbortDuringTheUploadInterruptsItAndStartsNothing() throws Exception {
        sim.faults().inject(Endpoint.CREATE_TEST, Fault.latency(Duration.ofMillis(800)));
        StepPlay p = play(workspaceContext(true), ApiFlavour.V6);
        K6CloudRunStepExecution exec = p.start(0, uploading());
        assertTrue(log.awaitText("Uploading k6 script", WAIT));

        FlowInterruptedException abort = new FlowInterruptedException(Result.ABORTED, true);
        exec.stop(abort);
        assertSame(abort, failure(p));
        p.awaitPreparation(WAIT);
        assertThat(
                "interrupted: the call in flight was the last",
                log.text(),
                not(containsString("Uploaded the k6 script")));
        assertEquals("the script was not sent", 0, sim.journal().count(Endpoint.SCRIPT));
        assertEquals(0, sim.journal().count(Endpoint.START));
        assertEquals("nothing saved, so a restart cannot start it either", 0, p.saves());
        assertEquals(1, p.endings());
        assertThat(p.prepareThreads, contains(startsWith("k6-test-preparation")));
    }

    @Test
    public void aRestartDuringTheUploadUploadsAgainAndStartsOnce() throws Exception {
        sim.faults().inject(Endpoint.CREATE_TEST, Fault.latency(Duration.ofMillis(800)));
        StepPlay before = play(workspaceContext(true), ApiFlavour.V6);
        K6CloudRunStepExecution exec = before.start(0, uploading());
        assertTrue(log.awaitText("Uploading k6 script", WAIT));
        before.engine.close(); // Jenkins shuts down during the upload
        exec.preparation().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("nothing started before the restart", 0, sim.journal().count(Endpoint.START));

        StepPlay after = play(workspaceContext(true), ApiFlavour.V6);
        after.resume(readBack(before, after.context));
        after.runUntilEnded();

        assertEquals("PASSED", value(after).get("verdict"));
        assertEquals(
                "uploaded again after the restart", 2, sim.journal().uploads().size());
        assertEquals(
                "one load test",
                1,
                sim.journal()
                        .requests(e -> e.endpoint() == Endpoint.CREATE_TEST && e.status() == 201)
                        .size());
        assertEquals("started once", 1, sim.journal().count(Endpoint.START));
    }

    @Test
    public void theJUnitFileHoldsTheThresholdsAndChecksAfterTheVerdict() throws Exception {
        long testId = sim.addLoadTest("limits", Scenarios.thresholdsFail());
        StepPlay p = play(workspaceContext(false));
        p.start(testId, options("UNSTABLE").withWorkspaceFiles(null, null, null, null, "reports/k6.xml"));
        p.runUntilEnded();

        assertEquals("THRESHOLDS_FAILED", value(p).get("verdict"));
        Map<String, Boolean> cases = JUnitReportTest.casesAsTheJUnitPluginReadsThem(
                Files.readString(workspace().resolve("reports/k6.xml")));
        assertTrue("a crossed threshold fails its case: " + cases, cases.containsValue(true));
        assertTrue("thresholds: " + cases, cases.keySet().stream().anyMatch(k -> k.startsWith("k6.thresholds.")));
        assertTrue("checks: " + cases, cases.keySet().stream().anyMatch(k -> k.startsWith("k6.checks.")));
        String console = log.text();
        assertTrue(
                "after the verdict and the metrics",
                console.indexOf("as JUnit XML to reports/k6.xml") > console.indexOf("k6 Cloud metrics"));
    }

    // ------------------------------------------------------------------ helpers

    /** A play of this test's simulator whose preparation gives a client of {@code flavour} (v6: with the stack id). */
    private StepPlay play(FakeStepContext ctx, ApiFlavour flavour) {
        return play(ctx, flavour, UnaryOperator.identity());
    }

    /** {@code supportClient}: the client of the upload, the metrics read and a resumed run. */
    private StepPlay play(FakeStepContext ctx, ApiFlavour flavour, UnaryOperator<K6CloudClient> supportClient) {
        Long stackId = flavour == ApiFlavour.V6 ? sim.stackId() : null;
        K6CloudClient client = new HttpK6CloudClient(
                flavour,
                http,
                sim.uri(),
                ApiToken.of(sim.token()),
                ClientOptions.defaults()
                        .withStackId(stackId)
                        .withRetryPolicy(RetryPolicy.noRetries())
                        .withTime(clock, ms -> clock.advance(Duration.ofMillis(ms)), new Random(7)));
        StepPlay p = new StepPlay(
                ctx,
                clock,
                o -> new RunConfig.Prepared(
                        o.toSettings(sim.webAppUrl(), "5s", "2h"),
                        client,
                        new RunConfig.Connection(flavour, sim.baseUrl(), stackId, "k6-token")),
                supportClient.apply(client));
        plays.add(p);
        return p;
    }

    private StepPlay play(FakeStepContext ctx) {
        return play(ctx, ApiFlavour.V2);
    }

    private FakeStepContext context() {
        return new FakeStepContext().with(Run.class, build).with(TaskListener.class, log);
    }

    /** A context with a workspace, holding {@code load/checkout.js} when {@code withScript}. */
    private FakeStepContext workspaceContext(boolean withScript) throws IOException {
        Files.createDirectories(workspace().resolve("load"));
        if (withScript) {
            Files.writeString(workspace().resolve("load/checkout.js"), SCRIPT);
        }
        return context().with(FilePath.class, new FilePath(workspace().toFile()));
    }

    private Path workspace() {
        return folder.getRoot().toPath();
    }

    private static RunConfig.Options options(String thresholdFailure) {
        return new RunConfig.Options(null, null, null, thresholdFailure, true);
    }

    /** {@code k6CloudRun script: 'load/checkout.js'}. */
    private static RunConfig.Options uploading() {
        return options(null).withWorkspaceFiles("load/checkout.js", null, null, null, null);
    }

    private static EnvVars buildEnv(String commit) {
        EnvVars env = new EnvVars();
        env.put("JOB_NAME", "shop/checkout");
        env.put("BUILD_NUMBER", "42");
        env.put("BUILD_URL", "https://ci.example/job/shop/job/checkout/42/");
        if (commit != null) {
            env.put("GIT_COMMIT", commit);
        }
        return env;
    }

    private static K6CloudRunAction withFigures(RunOutcome o, double p95Ms) {
        K6CloudRunAction a = K6CloudRunAction.of(o);
        a.recordMetrics(null, new RunFigures(p95Ms, null, null, null, 0.002, 40.0, null, null, null, null), null);
        return a;
    }

    private boolean running(long testId) {
        return sim.journal().runsOf(testId).stream().anyMatch(r -> r.state().runStatus() == 2);
    }

    private static Map<?, ?> value(StepPlay p) throws Exception {
        return (Map<?, ?>) p.context.end.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Throwable failure(StepPlay p) throws Exception {
        Throwable t = p.failure(WAIT);
        assertNotNull("the step succeeded with " + (t == null ? p.context.end.get() : null), t);
        return t;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a step whose first save {@code save} holds: the state is written, the start request not sent yet. */
    private static K6CloudRunStepExecution startedWithTheFirstSaveHeld(
            StepPlay p, long testId, SettableFuture<Void> save) throws Exception {
        p.context.saveReply = save;
        K6CloudRunStepExecution exec = new K6CloudRunStepExecution(p.context, testId, options(null));
        exec.use(p);
        assertTrue("nothing is known yet", exec.blocksRestart());
        p.execution = exec;
        exec.start();
        assertTrue(p.context.firstSave.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        exec.preparation().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return exec;
    }

    /** Restarts {@code before}'s Pipeline: the step, still pending, prepares again and starts one run, which passes. */
    private void assertStartsOnceAfterARestart(StepPlay before, long testId) throws Exception {
        assertFalse("the step stays pending", before.context.end.isDone());
        assertEquals(0, sim.journal().count(Endpoint.START));
        StepPlay after = restart(before);
        after.runUntilEnded();

        assertEquals("PASSED", value(after).get("verdict"));
        assertFalse("prepared again", after.prepareThreads.isEmpty());
        assertEquals("started once", 1, sim.journal().startsFor(testId).size());
        assertFalse(before.context.end.isDone());
    }

    /** {@code before}'s execution read back after a restart, resumed in a new play. */
    private StepPlay restart(StepPlay before) throws Exception {
        StepPlay after = play(context());
        after.resume(readBack(before, after.context));
        return after;
    }

    /** Serialises the execution as the Pipeline does, with {@code ctx} in place of its context. */
    private static K6CloudRunStepExecution readBack(StepPlay before, FakeStepContext ctx) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
            {
                enableReplaceObject(true);
            }

            @Override
            protected Object replaceObject(Object obj) {
                return obj == before.context ? ContextToken.INSTANCE : obj;
            }
        }) {
            out.writeObject(before.execution);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            {
                enableResolveObject(true);
            }

            @Override
            protected Object resolveObject(Object obj) {
                return obj == ContextToken.INSTANCE ? ctx : obj;
            }
        }) {
            return (K6CloudRunStepExecution) in.readObject();
        }
    }

    /** Stands for the step context in the serial form, as the Pipeline's pickles do. */
    private enum ContextToken implements Serializable {
        INSTANCE
    }
}
