package io.jenkins.plugins.k6cloud.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
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
import io.jenkins.plugins.k6cloud.api.RetryPolicy;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.engine.Scheduler;
import io.jenkins.plugins.k6cloud.engine.Scheduler.ThreadPoolScheduler;
import io.jenkins.plugins.k6cloud.engine.VirtualScheduler;
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
import io.jenkins.plugins.k6cloud.testing.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The {@code k6CloudRun} execution against the k6 Cloud simulator, with the engine in virtual time
 * on the test's thread: start without I/O on the caller's thread, the verdicts, stop, and resume
 * after a restart without a second run.
 */
public class K6CloudRunStepExecutionTest {
    private static final Duration LONG_ENOUGH = Duration.ofHours(4);
    private static final long WAIT_SECONDS = 30;

    static {
        // see EngineHarness: without it every response waits for a delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final ManualClock clock = new ManualClock();
    private final FakeTaskListener log = new FakeTaskListener();
    private final FakeBuild build = new FakeBuild();
    private final List<Harness> harnesses = new ArrayList<>();
    private K6CloudSimulator sim;
    private OkHttpClient http;

    @Before
    public void startSimulator() throws IOException {
        sim = K6CloudSimulator.builder().clock(clock).start();
        http = new OkHttpClient();
    }

    @After
    public void stopEverything() {
        harnesses.forEach(h -> {
            h.engine.close();
            h.preparations.close();
        });
        sim.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    public void startReturnsAtOnceAndThePassedRunIsTheStepsValue() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        Harness h = harness();
        FakeStepContext ctx = context();
        K6CloudRunStepExecution exec = execution(ctx, testId, options(null), h);

        assertFalse("the step goes on asynchronously", exec.start());
        h.awaitScheduled();
        h.runUntilEnded(ctx);

        Map<?, ?> value = (Map<?, ?>) ctx.end.get();
        assertEquals("PASSED", value.get("verdict"));
        assertEquals(1, ctx.endings.get());
        assertFalse(
                "prepared on " + h.prepareThreads,
                h.prepareThreads.contains(Thread.currentThread().getName()));
        assertThat("saved before the start and when the run id was known", ctx.saves.get(), greaterThanOrEqualTo(2));
        assertEquals(1, build.added.size());
        assertEquals(value.get("runId"), ((K6CloudRunAction) build.added.get(0)).getRunId());
        assertTrue(build.results.isEmpty());
        assertThat(log.text(), containsString(sim.webAppUrl() + "/runs/" + value.get("runId")));
        assertEquals(1, sim.journal().startsFor(testId).size());
    }

    @Test
    public void theMetricsFollowTheVerdictComparedWithThePreviousBuildOfTheSameLoadTest() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        FakeBuild previous = new FakeBuild();
        K6CloudRunAction earlier = K6CloudRunAction.of(Outcomes.ofTest(Outcomes.passed(1), testId));
        K6CloudRunAction otherTest = K6CloudRunAction.of(Outcomes.ofTest(Outcomes.passed(2), testId + 1));
        RunFigures figures = new RunFigures(250.0, null, null, null, 0.002, 40.0, null, null, null, null);
        earlier.recordMetrics(null, figures, null);
        otherTest.recordMetrics(null, new RunFigures(1.0, null, null, null, null, null, null, null, null, null), null);
        previous.addAction(earlier);
        previous.addAction(otherTest); // the latest action of that build, but of another load test
        build.previous = previous;
        Harness h = harness();
        FakeStepContext ctx = context();
        h.startAndRunUntilEnded(execution(ctx, testId, options(null), h), ctx);

        Map<?, ?> value = (Map<?, ?>) ctx.end.get();
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
    public void aFailedMetricsReadIsOneLineAndChangesNoVerdict() throws Exception {
        long testId = sim.addLoadTest("limits", Scenarios.thresholdsFail());
        sim.faults().inject(Endpoint.METRICS, 5, Fault.serverError(500));
        Harness h = harness();
        FakeStepContext ctx = context();
        h.startAndRunUntilEnded(execution(ctx, testId, options("UNSTABLE"), h), ctx);

        Map<?, ?> value = (Map<?, ?>) ctx.end.get();
        assertEquals("THRESHOLDS_FAILED", value.get("verdict"));
        assertEquals(List.of(Result.UNSTABLE), build.results);
        Map<?, ?> metrics = (Map<?, ?>) value.get("metrics");
        assertEquals(Set.of("unavailable"), metrics.keySet());
        assertEquals(1, log.text().split("metrics not available: ", -1).length - 1);
        assertThat(((K6CloudRunAction) build.added.get(0)).getMetricsUnavailable(), containsString("/result_summary"));
    }

    @Test
    public void aRegressionBeyondMaxRegressionIsRegressedWithTheResultThresholdFailureNames() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        RunConfig.Options gated = options("UNSTABLE").withMaxRegression("10%");
        FakeBuild first = new FakeBuild();
        FakeStepContext ctx1 = new FakeStepContext().with(Run.class, first).with(TaskListener.class, log);
        Harness h1 = harness();
        execution(ctx1, testId, gated, h1).start();
        h1.awaitScheduled();
        h1.runUntilEnded(ctx1);
        assertEquals("PASSED", ((Map<?, ?>) ctx1.end.get()).get("verdict"));
        assertThat(
                log.text(),
                containsString(
                        "Regression gate: no earlier passed build of this load test to compare with; it passes."));

        sim.setScenario(testId, Scenarios.passesSlower()); // p95 312.4 ms -> 401 ms, thresholds still met
        build.previous = first;
        FakeStepContext ctx2 = context();
        Harness h2 = harness();
        execution(ctx2, testId, gated, h2).start();
        h2.awaitScheduled();
        h2.runUntilEnded(ctx2);

        Map<?, ?> value = (Map<?, ?>) ctx2.end.get();
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
    public void theGateComparesWithTheLastPassedBuildNotTheLastBuild() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        FakeBuild passed = new FakeBuild();
        passed.addAction(withFigures(Outcomes.ofTest(Outcomes.passed(1), testId), 300.0));
        FakeBuild regressed = new FakeBuild();
        regressed.previous = passed;
        // faster, but it failed its thresholds: not what the gate compares with
        regressed.addAction(withFigures(Outcomes.ofTest(Outcomes.thresholdsFailed(2), testId), 100.0));
        build.previous = regressed;
        Harness h = harness();
        FakeStepContext ctx = context();
        h.startAndRunUntilEnded(execution(ctx, testId, options(null).withMaxRegression("5%"), h), ctx);

        assertEquals("PASSED", ((Map<?, ?>) ctx.end.get()).get("verdict"));
        assertThat(log.text(), containsString("Regression gate: no change for the worse beyond 5 % against build #1"));
        assertTrue(build.results.isEmpty());
    }

    @Test
    public void aMetricsReadFaultWithTheGateOnPassesAndSaysSo() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        FakeBuild previous = new FakeBuild();
        previous.addAction(withFigures(Outcomes.ofTest(Outcomes.passed(1), testId), 100.0));
        build.previous = previous;
        sim.faults().inject(Endpoint.METRICS, 5, Fault.serverError(500));
        Harness h = harness();
        FakeStepContext ctx = context();
        h.startAndRunUntilEnded(execution(ctx, testId, options(null).withMaxRegression("10%"), h), ctx);

        assertEquals("PASSED", ((Map<?, ?>) ctx.end.get()).get("verdict"));
        assertTrue(build.results.isEmpty());
        assertThat(log.text(), containsString("metrics not available: "));
        assertThat(log.text(), containsString(RegressionGate.unreadable()));
    }

    @Test
    public void aMaxRegressionThatIsNotAPercentageFailsBeforeAnyRequest() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        FakeStepContext ctx = context();
        execution(ctx, testId, options(null).withMaxRegression("10"), harness()).start();

        Throwable t = failure(ctx);
        assertThat(t.getMessage(), containsString("maxRegression must be a percentage such as '10%'"));
        assertThat(t.getMessage(), containsString("got '10'"));
        assertEquals(0, sim.journal().count(Endpoint.START));
    }

    private static K6CloudRunAction withFigures(io.jenkins.plugins.k6cloud.engine.RunOutcome o, double p95Ms) {
        K6CloudRunAction a = K6CloudRunAction.of(o);
        a.recordMetrics(null, new RunFigures(p95Ms, null, null, null, 0.002, 40.0, null, null, null, null), null);
        return a;
    }

    @Test
    public void aRunThatIsNotFollowedHasNoMetrics() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        Harness h = harness();
        FakeStepContext ctx = context();
        execution(ctx, testId, new RunConfig.Options(null, null, null, null, false), h)
                .start();
        h.awaitScheduled();
        h.runUntilEnded(ctx);

        Map<?, ?> value = (Map<?, ?>) ctx.end.get();
        assertEquals("STARTED", value.get("verdict"));
        assertFalse(value.containsKey("metrics"));
        assertEquals(0, sim.journal().count(Endpoint.METRICS));
    }

    @Test
    public void failedThresholdsCanMarkTheBuildUnstableAndGoOn() throws Exception {
        long testId = sim.addLoadTest("limits", Scenarios.thresholdsFail());
        Harness h = harness();
        FakeStepContext ctx = context();
        h.startAndRunUntilEnded(execution(ctx, testId, options("UNSTABLE"), h), ctx);

        assertEquals("THRESHOLDS_FAILED", ((Map<?, ?>) ctx.end.get()).get("verdict"));
        assertEquals(List.of(Result.UNSTABLE), build.results);
        assertThat(log.text(), containsString("WARNING: "));
    }

    @Test
    public void failedThresholdsFailTheStepWithoutAStackTrace() throws Exception {
        long testId = sim.addLoadTest("limits", Scenarios.thresholdsFail());
        Harness h = harness();
        FakeStepContext ctx = context();
        h.startAndRunUntilEnded(execution(ctx, testId, options(null), h), ctx);

        Throwable failure = failure(ctx);
        assertThat(failure, instanceOf(AbortException.class));
        assertThat(failure.getMessage(), containsString("thresholds failed"));
        assertTrue(build.results.isEmpty());
        assertEquals(1, build.added.size());
    }

    @Test
    public void stopStopsTheRemoteRunAndEndsTheStepWithTheCause() throws Exception {
        long testId = sim.addLoadTest("long", Scenarios.passes());
        Harness h = harness();
        FakeStepContext ctx = context();
        K6CloudRunStepExecution exec = execution(ctx, testId, options(null), h);
        exec.start();
        h.awaitScheduled();
        h.runUntil(
                () -> sim.journal().runsOf(testId).stream()
                        .anyMatch(r -> r.state().runStatus() == 2),
                "the run is running");
        long runId = sim.journal().runsOf(testId).get(0).id();
        assertThat("the engine's status phrase", exec.getStatus(), containsString("run " + runId));

        Throwable cause =
                new FlowInterruptedException(Result.ABORTED, true, K6CloudRunStepTest.cause("Aborted by alice"));
        exec.stop(cause);
        h.runUntilEnded(ctx);

        assertSame(cause, failure(ctx));
        assertThat("who stopped it, not a class name", log.text(), containsString("(Aborted by alice)"));
        assertThat(log.text(), not(containsString(FlowInterruptedException.class.getSimpleName())));
        assertEquals(1, sim.journal().stopsFor(runId).size());
        assertTrue(sim.journal().runsLeftRunning().isEmpty());
        exec.stop(new InterruptedException("after the end"));
        assertEquals(1, ctx.endings.get());
    }

    @Test
    public void stopWhilePreparingEndsTheStepAndStartsNothing() throws Exception {
        long testId = sim.addLoadTest("never", Scenarios.passes());
        Harness h = harness();
        FakeStepContext ctx = context();
        K6CloudRunStepExecution exec = startedWithThePreparationHeld(ctx, testId, h);

        Throwable cause = new InterruptedException("aborted while preparing");
        exec.stop(cause);
        assertSame("ended at once", cause, failure(ctx));

        h.holdPrepare.countDown();
        h.awaitPreparations();
        assertEquals(0, h.engineCalls.get());
        assertEquals(0, sim.journal().count(Endpoint.START));
        assertEquals(1, ctx.endings.get());
        assertEquals("the ended step saved nothing", 0, ctx.saves.get());
    }

    @Test
    public void stopBeforeThePreparationRanCancelsIt() throws Exception {
        long testId = sim.addLoadTest("never", Scenarios.passes());
        Harness h = harness();
        FakeStepContext ctx = context();
        K6CloudRunStepExecution exec = execution(ctx, testId, options(null), h);
        CountDownLatch busy = new CountDownLatch(1);
        Future<?> blocker = h.preparations.schedule(() -> await(busy), 0); // another step is preparing
        try {
            exec.start();
            Throwable cause = new InterruptedException("aborted before the preparation ran");
            exec.stop(cause);
            assertSame(cause, failure(ctx));
            assertTrue("the preparation will not run", exec.preparation().isCancelled());
        } finally {
            busy.countDown();
        }
        blocker.get(WAIT_SECONDS, TimeUnit.SECONDS);
        h.awaitPreparations();

        assertTrue("no credentials were looked up", h.prepareThreads.isEmpty());
        assertEquals(0, ctx.saves.get());
        assertEquals(0, h.engineCalls.get());
        assertEquals(0, sim.journal().totalRequests());
        assertEquals(1, ctx.endings.get());
    }

    @Test
    public void aFailureWhileReportingTheOutcomeStillEndsTheStep() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        Harness h = harness();
        FakeStepContext ctx = context();
        execution(ctx, testId, options(null), h).start();
        h.awaitScheduled();
        h.runUntil(() -> ctx.saves.get() >= 2, "the run id is saved");
        RuntimeException diskFull = new IllegalStateException("No space left on device");
        ctx.saveFailure = diskFull; // saving the step's end will fail

        h.runUntilEnded(ctx);

        assertSame(diskFull, failure(ctx));
        assertEquals(1, ctx.endings.get());
    }

    @Test
    public void theOutcomeOfASecondStopIsReportedOnTheTimerNotOnTheCallersThread() throws Exception {
        long testId = sim.addLoadTest("long", Scenarios.passes());
        Harness h = harness();
        FakeStepContext ctx = context();
        K6CloudRunStepExecution exec = execution(ctx, testId, options(null), h);
        exec.start();
        h.awaitScheduled();
        h.runUntil(
                () -> sim.journal().runsOf(testId).stream()
                        .anyMatch(r -> r.state().runStatus() == 2),
                "the run is running");
        Throwable cause = new InterruptedException("aborted by the test");
        exec.stop(cause);
        h.scheduler.runDue(); // the stop request is sent

        Thread cps = new Thread(() -> exec.stop(new InterruptedException("aborted again")), "CPS VM thread (test)");
        cps.start();
        cps.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertFalse(cps.isAlive());
        h.runUntilEnded(ctx);

        assertSame(cause, failure(ctx));
        assertEquals(1, build.added.size());
        assertThat(
                "the action is added on the preparations' thread",
                build.addedOn,
                contains(startsWith("k6-test-preparation")));
        assertFalse(ctx.saveThreads.contains(cps.getName()));
    }

    @Test
    public void afterARestartTheSameRunIsFollowedAgain() throws Exception {
        long testId = sim.addLoadTest("restart", Scenarios.passes());
        Harness before = harness();
        FakeStepContext ctx1 = context();
        K6CloudRunStepExecution exec1 = execution(ctx1, testId, options(null), before);
        exec1.start();
        before.awaitScheduled();
        before.runUntil(() -> ctx1.saves.get() >= 2, "the run id is saved");
        before.engine.close(); // Jenkins goes down; the run goes on in k6 Cloud

        FakeStepContext ctx2 = context();
        K6CloudRunStepExecution exec2 = restart(exec1, ctx1, ctx2);
        Harness after = harness();
        exec2.use(after);
        exec2.onResume();
        after.awaitScheduled();
        after.runUntilEnded(ctx2);

        Map<?, ?> value = (Map<?, ?>) ctx2.end.get();
        assertEquals("PASSED", value.get("verdict"));
        assertEquals("one start only", 1, sim.journal().startsFor(testId).size());
        assertEquals(sim.journal().runsOf(testId).get(0).id(), value.get("runId"));
        assertFalse(ctx1.end.isDone());
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
        Harness before = harness();
        FakeStepContext ctx1 = context();
        K6CloudRunStepExecution exec1 = execution(ctx1, testId, options(null), before);
        exec1.start();
        before.awaitScheduled();
        before.runUntil(() -> ctx1.saves.get() >= 2, "the run id is saved");
        before.engine.close();
        long runId = sim.journal().runsOf(testId).get(0).id();

        FakeStepContext ctx2 = context();
        K6CloudRunStepExecution exec2 = restart(exec1, ctx1, ctx2);
        Harness after = harness();
        after.tokenGone = true;
        exec2.use(after);
        exec2.onResume();

        Throwable failure = failure(ctx2);
        assertThat(failure, instanceOf(AbortException.class));
        assertThat(failure.getMessage(), containsString("k6 Cloud run " + runId));
        assertThat(failure.getMessage(), containsString(sim.webAppUrl() + "/runs/" + runId));
        assertThat(failure.getMessage(), containsString("may still be running"));
        assertThat(failure.getMessage(), containsString("Cannot find the credentials 'k6-token'"));
        assertEquals(0, after.engineCalls.get());
    }

    @Test
    public void aStepWhoseEndWasSavedReportsItAfterARestartWithoutFollowingTheRunAgain() throws Exception {
        long testId = sim.addLoadTest("fire and forget", Scenarios.passes());
        Harness before = harness();
        FakeStepContext ctx1 = context();
        K6CloudRunStepExecution exec1 =
                execution(ctx1, testId, new RunConfig.Options(null, null, null, null, false), before);
        exec1.start();
        before.awaitScheduled();
        before.runUntilEnded(ctx1);
        assertEquals("STARTED", ((Map<?, ?>) ctx1.end.get()).get("verdict"));
        before.engine.close();
        long requests = sim.journal().totalRequests();

        // the restart came after the end was saved, before Jenkins recorded that the step had ended
        FakeStepContext ctx2 = context();
        K6CloudRunStepExecution exec2 = restart(exec1, ctx1, ctx2);
        Harness after = harness();
        exec2.use(after);
        exec2.onResume();

        Map<?, ?> value = (Map<?, ?>) ctx2.end.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("STARTED", value.get("verdict"));
        assertEquals(ctx1.end.get(), value);
        assertEquals("not re-attached", 0, after.engineCalls.get());
        assertEquals(
                "nothing more was asked of k6 Cloud", requests, sim.journal().totalRequests());
        assertFalse(exec2.blocksRestart());
    }

    @Test
    public void theStartRequestWaitsForTheFirstSaveAndBlocksARestartMeanwhile() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        Harness h = harness();
        FakeStepContext ctx = context();
        SettableFuture<Void> save = SettableFuture.create();
        ctx.saveReply = save;
        K6CloudRunStepExecution exec = execution(ctx, testId, options(null), h);
        assertTrue("nothing is known yet", exec.blocksRestart());
        exec.start();
        assertTrue(ctx.firstSave.await(WAIT_SECONDS, TimeUnit.SECONDS));
        exec.preparation().get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals(
                "the timer thread is free again, and nothing was sent",
                0,
                sim.journal().count(Endpoint.START));
        assertEquals("not handed to the engine", 1, h.scheduled.getCount());
        assertTrue("the start request is about to be sent", exec.blocksRestart());

        ctx.saveReply = null;
        save.set(null);
        h.awaitScheduled();
        h.runUntilEnded(ctx);
        assertEquals("PASSED", ((Map<?, ?>) ctx.end.get()).get("verdict"));
        assertFalse(exec.blocksRestart());
    }

    @Test
    public void stopWhileTheFirstSaveIsPendingStartsNothing() throws Exception {
        long testId = sim.addLoadTest("never", Scenarios.passes());
        Harness h = harness();
        FakeStepContext ctx = context();
        SettableFuture<Void> save = SettableFuture.create();
        K6CloudRunStepExecution exec = startedWithTheFirstSaveHeld(ctx, testId, h, save);

        Throwable cause = new InterruptedException("aborted while saving");
        exec.stop(cause);
        save.set(null);

        assertSame(cause, failure(ctx));
        assertEquals(0, sim.journal().count(Endpoint.START));
        assertEquals("not handed to the engine", 1, h.scheduled.getCount());
        assertEquals(1, ctx.endings.get());
    }

    @Test
    public void aFailedSaveEndsTheStepWithAMessageAndStartsNothing() throws Exception {
        long testId = sim.addLoadTest("never", Scenarios.passes());
        Harness h = harness();
        FakeStepContext ctx = context();
        ctx.saveReply = Futures.immediateFailedFuture(new IOException("No space left on device"));
        execution(ctx, testId, options(null), h).start();

        Throwable failure = failure(ctx);
        assertThat("a message, not a stack trace", failure, instanceOf(AbortException.class));
        assertThat(failure.getMessage(), containsString("No space left on device"));
        assertThat(failure.getMessage(), containsString("no run was started"));
        assertEquals(0, sim.journal().count(Endpoint.START));
        assertEquals("not handed to the engine", 1, h.scheduled.getCount());
    }

    @Test
    public void aRunStoppedInTheWebAppEndsTheStepAsAbortedNotAsAnError() throws Exception {
        long testId = sim.addLoadTest("stopped", Scenarios.of(Outcome.STOPPED_IN_WEB_APP));
        Harness h = harness();
        FakeStepContext ctx = context();
        h.startAndRunUntilEnded(execution(ctx, testId, options(null), h), ctx);

        Throwable failure = failure(ctx);
        assertThat(failure, instanceOf(FlowInterruptedException.class));
        FlowInterruptedException aborted = (FlowInterruptedException) failure;
        assertEquals(Result.ABORTED, aborted.getResult());
        assertFalse("nobody aborted the build: catchError and try/catch may handle it", aborted.isActualInterruption());
        assertThat(aborted.getCauses().get(0).getShortDescription(), containsString("stopped in the k6 web app"));
        assertTrue("the result comes from the exception, not from the step", build.results.isEmpty());
        assertEquals(1, build.added.size());
    }

    @Test
    public void aRestartBeforeAnythingWasSavedPreparesAgainAndStartsTheRunOnce() throws Exception {
        long testId = sim.addLoadTest("early", Scenarios.passes());
        FakeStepContext ctx = context();
        Harness h = harness();
        K6CloudRunStepExecution exec = execution(ctx, testId, options(null), h);
        exec.onResume(); // saved by the Pipeline before the step had saved a state of its own

        h.awaitScheduled();
        h.runUntilEnded(ctx);

        assertEquals("PASSED", ((Map<?, ?>) ctx.end.get()).get("verdict"));
        assertEquals(1, sim.journal().startsFor(testId).size());
        assertFalse("prepared after the restart", h.prepareThreads.isEmpty());
    }

    @Test
    public void aStepPreparingWhenJenkinsShutsDownStaysPendingAndStartsOnceAfterTheRestart() throws Exception {
        long testId = sim.addLoadTest("shutdown", Scenarios.passes());
        Harness before = harness();
        FakeStepContext ctx1 = context();
        K6CloudRunStepExecution exec1 = startedWithThePreparationHeld(ctx1, testId, before);

        before.engine.close(); // Jenkins shuts down (ItemListener.onBeforeShutdown) while the step prepares
        before.holdPrepare.countDown();
        exec1.preparation().get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertFalse("the step stays pending", ctx1.end.isDone());
        assertThat(log.text(), containsString("goes on after the restart"));
        assertEquals(0, sim.journal().count(Endpoint.START));
        assertEquals("no state saved", 0, ctx1.saves.get());

        assertStartsOnceAfterARestart(exec1, ctx1, testId);
    }

    @Test
    public void aStepWhoseFirstSaveEndsAfterJenkinsBeganToShutDownStartsOnceAfterTheRestart() throws Exception {
        long testId = sim.addLoadTest("shutdown", Scenarios.passes());
        Harness before = harness();
        FakeStepContext ctx1 = context();
        SettableFuture<Void> save = SettableFuture.create();
        K6CloudRunStepExecution exec1 = startedWithTheFirstSaveHeld(ctx1, testId, before, save);

        before.engine.close(); // Jenkins shuts down; the state saved so far has no run id
        save.set(null);
        assertTrue(log.awaitText("goes on after the restart", Duration.ofSeconds(WAIT_SECONDS)));

        assertFalse("the step stays pending", ctx1.end.isDone());
        assertEquals(0, sim.journal().count(Endpoint.START));
        // the Pipeline's last save, after the engine closed, forgets the state: the restart starts the run
        assertStartsOnceAfterARestart(exec1, ctx1, testId);
    }

    @Test
    public void aCrashAfterTheFirstSaveLooksForTheRunAndNeverStartsOne() throws Exception {
        long testId = sim.addLoadTest("crash", Scenarios.passes());
        Harness before = harness();
        FakeStepContext ctx1 = context();
        // saved, as far as the disk goes; the start request is about to go out
        K6CloudRunStepExecution exec1 = startedWithTheFirstSaveHeld(ctx1, testId, before, SettableFuture.create());

        // no shutdown: the engine is open when the state is read back, as after a crash
        FakeStepContext ctx2 = context();
        K6CloudRunStepExecution exec2 = restart(exec1, ctx1, ctx2);
        Harness after = harness();
        exec2.use(after);
        exec2.onResume();
        after.awaitScheduled();
        after.runUntilEnded(ctx2);

        assertTrue("the step ended", ctx2.end.isDone());
        assertTrue("prepared only once", after.prepareThreads.isEmpty());
        assertEquals("the run is looked for, never started", 0, sim.journal().count(Endpoint.START));
    }

    // ------------------------------------------------------------------ tests as code, junitFile

    private static final String SCRIPT = "export default function () {}\n";

    @Test
    public void aScriptInTheWorkspaceIsUploadedThenStartedAndTheRunsNoteNamesTheBuild() throws Exception {
        Harness h = harness();
        h.flavour = ApiFlavour.V6;
        FakeStepContext ctx = workspaceContext().with(EnvVars.class, buildEnv("abc123"));
        Files.writeString(workspace.resolve("load/checkout.js"), SCRIPT);
        K6CloudRunStepExecution exec = execution(ctx, 0, uploading(), h);
        exec.start();
        h.awaitScheduled();
        h.runUntilEnded(ctx);

        Map<?, ?> value = (Map<?, ?>) ctx.end.get();
        assertEquals("PASSED", value.get("verdict"));
        assertEquals("the file name without its extension", "checkout", value.get("testName"));
        assertEquals(3001L, value.get("projectId"));
        UploadRecord upload = sim.journal().uploads().get(0);
        assertEquals(1, sim.journal().uploads().size());
        assertEquals("the upload's own client (its longer timeout)", 1, h.uploadClients.get());
        assertEquals("checkout.js", upload.fileName());
        assertEquals(SCRIPT.length(), upload.size());
        assertEquals(value.get("testId"), upload.testId());
        assertEquals(1, sim.journal().startsFor(upload.testId()).size());
        long runId = (Long) value.get("runId");
        sim.journal().awaitRequest(Endpoint.NOTE, Duration.ofSeconds(WAIT_SECONDS));
        assertEquals(
                "Jenkins job shop/checkout #42 (https://ci.example/job/shop/job/checkout/42/), commit abc123",
                sim.journal().noteOf(runId));
        assertTrue(log.awaitText("Set the note of k6 Cloud run " + runId, Duration.ofSeconds(WAIT_SECONDS)));
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
        Harness h = harness();
        h.flavour = ApiFlavour.V6;
        long testId = sim.addLoadTest("existing", Scenarios.passes());
        FakeStepContext ctx = workspaceContext().with(EnvVars.class, buildEnv(null));
        Files.writeString(workspace.resolve("load/checkout.js"), SCRIPT);
        execution(
                        ctx,
                        testId,
                        options(null).withWorkspaceFiles("load/checkout.js", "ignored", null, "nightly", null),
                        h)
                .start();
        h.awaitScheduled();
        h.runUntilEnded(ctx);

        Map<?, ?> value = (Map<?, ?>) ctx.end.get();
        assertEquals("PASSED", value.get("verdict"));
        assertEquals(testId, value.get("testId"));
        assertEquals("existing", value.get("testName"));
        assertFalse("replaced, not created", sim.journal().scriptOf(testId).created());
        assertEquals(0, sim.journal().count(Endpoint.CREATE_TEST));
        sim.journal().awaitRequest(Endpoint.NOTE, Duration.ofSeconds(WAIT_SECONDS));
        assertEquals("nightly", sim.journal().noteOf((Long) value.get("runId")));
    }

    @Test
    public void neitherATestIdNorAScriptIsAnErrorBeforeAnyRequest() throws Exception {
        Harness h = harness();
        FakeStepContext ctx = context();
        execution(ctx, 0, options(null), h).start();

        Throwable failure = failure(ctx);
        assertThat(failure, instanceOf(AbortException.class));
        assertThat(failure.getMessage(), containsString("(testId) or a k6 script"));
        assertEquals(0, sim.journal().totalRequests());
    }

    @Test
    public void aScriptOutsideNodeSaysToPutTheStepInNodeBeforeAnyRequest() throws Exception {
        Harness h = harness();
        h.flavour = ApiFlavour.V6;
        FakeStepContext ctx = context(); // no FilePath: outside node {}
        execution(ctx, 0, uploading(), h).start();

        Throwable failure = failure(ctx);
        assertThat(failure, instanceOf(AbortException.class));
        assertThat(failure.getMessage(), containsString("script needs a workspace"));
        assertThat(failure.getMessage(), containsString("inside node { }"));
        assertTrue("nothing prepared", h.prepareThreads.isEmpty());
        assertEquals(0, sim.journal().totalRequests());
    }

    @Test
    public void aJUnitFileOutsideNodeIsAnErrorToo() throws Exception {
        long testId = sim.addLoadTest("smoke", Scenarios.passes());
        FakeStepContext ctx = context();
        execution(ctx, testId, options(null).withWorkspaceFiles(null, null, null, null, "k6.xml"), harness())
                .start();

        assertThat(failure(ctx).getMessage(), containsString("junitFile needs a workspace"));
        assertEquals(0, sim.journal().totalRequests());
    }

    @Test
    public void aScriptWithTheV2ApiSaysToChooseV6BeforeAnyRequest() throws Exception {
        Harness h = harness();
        FakeStepContext ctx = workspaceContext();
        Files.writeString(workspace.resolve("load/checkout.js"), SCRIPT);
        execution(ctx, 0, uploading(), h).start();

        Throwable failure = failure(ctx);
        assertThat(failure.getMessage(), containsString("Grafana Cloud k6 (v6)"));
        assertEquals(0, sim.journal().totalRequests());
    }

    @Test
    public void aMissingScriptIsNamedBeforeAnyRequest() throws Exception {
        Harness h = harness();
        h.flavour = ApiFlavour.V6;
        FakeStepContext ctx = workspaceContext();
        execution(ctx, 0, options(null).withWorkspaceFiles("load/missing.js", null, null, null, null), h)
                .start();

        Throwable failure = failure(ctx);
        assertThat(failure, instanceOf(AbortException.class));
        assertThat(failure.getMessage(), containsString("'load/missing.js' is not in the workspace"));
        assertEquals(0, sim.journal().totalRequests());
    }

    @Test
    public void aScriptK6RejectsFailsTheStepWithK6sMessageAndStartsNothing() throws Exception {
        Harness h = harness();
        h.flavour = ApiFlavour.V6;
        FakeStepContext ctx = workspaceContext();
        Files.write(workspace.resolve("load/checkout.js"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        execution(ctx, 0, uploading(), h).start();

        Throwable failure = failure(ctx);
        assertThat(failure, instanceOf(AbortException.class));
        assertThat(failure.getMessage(), containsString("was not uploaded, so no run was started"));
        assertThat(failure.getMessage(), containsString("Uploaded content must be a javascript text encoded in UTF-8"));
        assertEquals(0, sim.journal().count(Endpoint.START));
        assertEquals(0, ctx.saves.get());
    }

    @Test
    public void aScriptTooLargeForK6IsAnErrorNamingItsSizeAndStartsNothing() throws Exception {
        Harness h = harness();
        h.flavour = ApiFlavour.V6;
        sim.setMaxScriptBytes(10);
        FakeStepContext ctx = workspaceContext();
        Files.writeString(workspace.resolve("load/checkout.js"), SCRIPT);
        execution(ctx, 0, uploading(), h).start();

        Throwable failure = failure(ctx);
        assertThat(failure.getMessage(), containsString("too large: it has " + SCRIPT.length() + " bytes"));
        assertThat(failure.getMessage(), containsString("HTTP 413"));
        assertEquals(0, sim.journal().count(Endpoint.START));
    }

    @Test
    public void aNoteThatCannotBeSetIsAWarningAndTheRunPasses() throws Exception {
        Harness h = harness();
        h.flavour = ApiFlavour.V6;
        sim.faults().inject(Endpoint.NOTE, 5, Fault.serverError(500));
        FakeStepContext ctx = workspaceContext();
        Files.writeString(workspace.resolve("load/checkout.js"), SCRIPT);
        execution(ctx, 0, uploading(), h).start();
        h.awaitScheduled();
        h.runUntilEnded(ctx);

        Map<?, ?> value = (Map<?, ?>) ctx.end.get();
        assertEquals("PASSED", value.get("verdict"));
        assertTrue(log.awaitText(
                "WARNING: could not set the note of k6 Cloud run " + value.get("runId") + " (the run is not affected)",
                Duration.ofSeconds(WAIT_SECONDS)));
        List<JournalEntry> notes = sim.journal().requests(Endpoint.NOTE);
        assertFalse(notes.isEmpty());
        assertTrue("every note refused: " + notes, notes.stream().allMatch(e -> e.status() == 500));
    }

    @Test
    public void anAbortDuringTheUploadInterruptsItAndStartsNothing() throws Exception {
        Harness h = harness();
        h.flavour = ApiFlavour.V6;
        sim.faults().inject(Endpoint.CREATE_TEST, Fault.latency(Duration.ofMillis(800)));
        FakeStepContext ctx = workspaceContext();
        Files.writeString(workspace.resolve("load/checkout.js"), SCRIPT);
        K6CloudRunStepExecution exec = execution(ctx, 0, uploading(), h);
        exec.start();
        assertTrue(log.awaitText("Uploading k6 script", Duration.ofSeconds(WAIT_SECONDS)));

        FlowInterruptedException abort = new FlowInterruptedException(Result.ABORTED, true);
        exec.stop(abort);
        assertSame(abort, failure(ctx));
        h.awaitPreparations();
        assertThat(
                "interrupted: the call in flight was the last",
                log.text(),
                not(containsString("Uploaded the k6 script")));
        assertEquals("the script was not sent", 0, sim.journal().count(Endpoint.SCRIPT));
        assertEquals(0, sim.journal().count(Endpoint.START));
        assertEquals("nothing saved, so a restart cannot start it either", 0, ctx.saves.get());
        assertEquals(1, ctx.endings.get());
        assertThat(h.prepareThreads, contains(startsWith("k6-test-preparation")));
    }

    @Test
    public void aRestartDuringTheUploadUploadsAgainAndStartsOnce() throws Exception {
        Harness before = harness();
        before.flavour = ApiFlavour.V6;
        sim.faults().inject(Endpoint.CREATE_TEST, Fault.latency(Duration.ofMillis(800)));
        FakeStepContext ctx1 = workspaceContext();
        Files.writeString(workspace.resolve("load/checkout.js"), SCRIPT);
        K6CloudRunStepExecution exec1 = execution(ctx1, 0, uploading(), before);
        exec1.start();
        assertTrue(log.awaitText("Uploading k6 script", Duration.ofSeconds(WAIT_SECONDS)));
        before.engine.close(); // Jenkins shuts down during the upload
        exec1.preparation().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("nothing started before the restart", 0, sim.journal().count(Endpoint.START));

        FakeStepContext ctx2 = workspaceContext();
        K6CloudRunStepExecution exec2 = restart(exec1, ctx1, ctx2);
        Harness after = harness();
        after.flavour = ApiFlavour.V6;
        exec2.use(after);
        exec2.onResume();
        after.awaitScheduled();
        after.runUntilEnded(ctx2);

        Map<?, ?> value = (Map<?, ?>) ctx2.end.get();
        assertEquals("PASSED", value.get("verdict"));
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
        FakeStepContext ctx = workspaceContext();
        execution(
                        ctx,
                        testId,
                        options("UNSTABLE").withWorkspaceFiles(null, null, null, null, "reports/k6.xml"),
                        harness())
                .start();
        Harness h = harnesses.get(harnesses.size() - 1);
        h.awaitScheduled();
        h.runUntilEnded(ctx);

        assertEquals("THRESHOLDS_FAILED", ((Map<?, ?>) ctx.end.get()).get("verdict"));
        Path file = workspace.resolve("reports/k6.xml");
        Map<String, Boolean> cases = JUnitReportTest.casesAsTheJUnitPluginReadsThem(Files.readString(file));
        assertTrue("a crossed threshold fails its case: " + cases, cases.containsValue(true));
        assertTrue("thresholds: " + cases, cases.keySet().stream().anyMatch(k -> k.startsWith("k6.thresholds.")));
        assertTrue("checks: " + cases, cases.keySet().stream().anyMatch(k -> k.startsWith("k6.checks.")));
        String console = log.text();
        assertTrue(
                "after the verdict and the metrics",
                console.indexOf("as JUnit XML to reports/k6.xml") > console.indexOf("k6 Cloud metrics"));
    }

    private Path workspace;

    @Before
    public void makeWorkspace() throws IOException {
        workspace = Files.createTempDirectory("k6-workspace");
        Files.createDirectories(workspace.resolve("load"));
    }

    @After
    public void removeWorkspace() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(workspace)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        }
    }

    /** {@code k6CloudRun script: 'load/checkout.js'}. */
    private static RunConfig.Options uploading() {
        return options(null).withWorkspaceFiles("load/checkout.js", null, null, null, null);
    }

    private FakeStepContext workspaceContext() {
        return context().with(FilePath.class, new FilePath(workspace.toFile()));
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

    // ------------------------------------------------------------------ helpers

    /** Starts a step whose preparation waits for {@code h.holdPrepare}. */
    private static K6CloudRunStepExecution startedWithThePreparationHeld(FakeStepContext ctx, long testId, Harness h)
            throws Exception {
        h.holdPrepare = new CountDownLatch(1);
        K6CloudRunStepExecution exec = execution(ctx, testId, options(null), h);
        exec.start();
        assertTrue(h.preparing.await(WAIT_SECONDS, TimeUnit.SECONDS));
        return exec;
    }

    /** Starts a step whose first save {@code save} holds: the state is written, the start request not sent yet. */
    private static K6CloudRunStepExecution startedWithTheFirstSaveHeld(
            FakeStepContext ctx, long testId, Harness h, SettableFuture<Void> save) throws Exception {
        ctx.saveReply = save;
        K6CloudRunStepExecution exec = execution(ctx, testId, options(null), h);
        exec.start();
        assertTrue(ctx.firstSave.await(WAIT_SECONDS, TimeUnit.SECONDS));
        exec.preparation().get(WAIT_SECONDS, TimeUnit.SECONDS);
        return exec;
    }

    /** Restarts {@code exec1}'s Pipeline: the step prepares again and starts one run, which passes. */
    private void assertStartsOnceAfterARestart(K6CloudRunStepExecution exec1, FakeStepContext ctx1, long testId)
            throws Exception {
        FakeStepContext ctx2 = context();
        K6CloudRunStepExecution exec2 = restart(exec1, ctx1, ctx2);
        Harness after = harness();
        exec2.use(after);
        exec2.onResume();
        after.awaitScheduled();
        after.runUntilEnded(ctx2);

        assertEquals("PASSED", ((Map<?, ?>) ctx2.end.get()).get("verdict"));
        assertFalse("prepared again", after.prepareThreads.isEmpty());
        assertEquals("started once", 1, sim.journal().startsFor(testId).size());
        assertFalse(ctx1.end.isDone());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private FakeStepContext context() {
        return new FakeStepContext().with(Run.class, build).with(TaskListener.class, log);
    }

    private static RunConfig.Options options(String thresholdFailure) {
        return new RunConfig.Options(null, null, null, thresholdFailure, true);
    }

    private static K6CloudRunStepExecution execution(
            FakeStepContext ctx, long testId, RunConfig.Options options, Harness h) {
        K6CloudRunStepExecution exec = new K6CloudRunStepExecution(ctx, testId, options);
        exec.use(h);
        return exec;
    }

    private static Throwable failure(FakeStepContext ctx) throws Exception {
        try {
            Object value = ctx.end.get(WAIT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("the step succeeded with " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private Harness harness() {
        Harness h = new Harness();
        harnesses.add(h);
        return h;
    }

    /** Serialises the execution as the Pipeline does, with {@code ctx2} in place of {@code ctx1}. */
    private static K6CloudRunStepExecution restart(
            K6CloudRunStepExecution exec, FakeStepContext ctx1, FakeStepContext ctx2) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ContextSwappingOutput(bytes, ctx1)) {
            out.writeObject(exec);
        }
        try (ObjectInputStream in = new ContextSwappingInput(new ByteArrayInputStream(bytes.toByteArray()), ctx2)) {
            return (K6CloudRunStepExecution) in.readObject();
        }
    }

    /** Stands for the step context in the serial form, as the Pipeline's pickles do. */
    private enum ContextToken implements Serializable {
        INSTANCE
    }

    private static final class ContextSwappingOutput extends ObjectOutputStream {
        private final Object context;

        ContextSwappingOutput(OutputStream out, Object context) throws IOException {
            super(out);
            this.context = context;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            return obj == context ? ContextToken.INSTANCE : obj;
        }
    }

    private static final class ContextSwappingInput extends ObjectInputStream {
        private final Object context;

        ContextSwappingInput(InputStream in, Object context) throws IOException {
            super(in);
            this.context = context;
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object obj) {
            return obj == ContextToken.INSTANCE ? context : obj;
        }
    }

    /**
     * An engine in virtual time against the simulator. {@link #awaitScheduled()} returns once the
     * execution has handed the run to the engine (its first scheduled task).
     */
    private final class Harness implements K6CloudRunStepExecution.Support {
        final VirtualScheduler scheduler = new VirtualScheduler(clock);
        final CountDownLatch scheduled = new CountDownLatch(1);
        final CountDownLatch preparing = new CountDownLatch(1);
        final Set<String> prepareThreads = ConcurrentHashMap.newKeySet();
        final AtomicInteger engineCalls = new AtomicInteger();
        /** How often the upload's client was asked for. */
        final AtomicInteger uploadClients = new AtomicInteger();
        /** Where the step prepares: one thread, so that a task scheduled after the preparation runs after it. */
        final ThreadPoolScheduler preparations = new ThreadPoolScheduler("k6-test-preparation", 1);

        volatile CountDownLatch holdPrepare;
        final List<RunConfig.Connection> reconnected = new CopyOnWriteArrayList<>();
        volatile boolean tokenGone;
        /** The API the prepared run speaks (v6 with the simulator's stack id). */
        volatile ApiFlavour flavour = ApiFlavour.V2;

        final RunEngine engine = new RunEngine(
                new Scheduler() {
                    @Override
                    public java.util.concurrent.Future<?> schedule(Runnable task, long delayMillis) {
                        java.util.concurrent.Future<?> c = scheduler.schedule(task, delayMillis);
                        scheduled.countDown();
                        return c;
                    }

                    @Override
                    public void close() {
                        scheduler.close();
                    }
                },
                clock);

        @Override
        public RunConfig.Prepared prepare(Run<?, ?> run, EnvVars env, RunConfig.Options options) {
            prepareThreads.add(Thread.currentThread().getName());
            preparing.countDown();
            CountDownLatch hold = holdPrepare;
            if (hold != null) {
                try {
                    assertTrue(hold.await(WAIT_SECONDS, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new RunConfig.Prepared(
                    options.toSettings(sim.webAppUrl(), "5s", "2h"),
                    client(),
                    new RunConfig.Connection(
                            flavour, sim.baseUrl(), flavour == ApiFlavour.V6 ? sim.stackId() : null, "k6-token"));
        }

        /** A run's client after a restart, the upload's or the metrics read's, told apart by their call timeouts. */
        @Override
        public K6CloudClient client(Run<?, ?> run, EnvVars env, RunConfig.Connection connection, ClientOptions options)
                throws AbortException {
            if (options.callTimeout().equals(connection.uploadOptions().callTimeout())) {
                uploadClients.incrementAndGet();
            } else if (options.callTimeout().equals(connection.runOptions().callTimeout())) {
                reconnected.add(connection);
            }
            if (tokenGone) {
                throw new AbortException("Cannot find the credentials '" + connection.credentialsId() + "'");
            }
            return client();
        }

        private K6CloudClient client() {
            return new HttpK6CloudClient(
                    flavour,
                    http,
                    sim.uri(),
                    ApiToken.of(sim.token()),
                    ClientOptions.defaults()
                            .withStackId(flavour == ApiFlavour.V6 ? sim.stackId() : null)
                            .withRetryPolicy(RetryPolicy.noRetries())
                            .withTime(clock, ms -> clock.advance(Duration.ofMillis(ms)), new Random(7)));
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

        /** Returns once the preparations scheduled so far have returned. */
        void awaitPreparations() throws Exception {
            preparations.schedule(() -> {}, 0).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        void awaitScheduled() throws InterruptedException {
            assertTrue(
                    "the execution never handed the run to the engine",
                    scheduled.await(WAIT_SECONDS, TimeUnit.SECONDS));
        }

        /** Starts {@code exec}, waits until it handed the run to the engine, and runs until the step ended. */
        void startAndRunUntilEnded(K6CloudRunStepExecution exec, FakeStepContext ctx) throws Exception {
            exec.start();
            awaitScheduled();
            runUntilEnded(ctx);
        }

        /** Runs the engine in virtual time until the step ended; the end is reported on the timer, in real time. */
        void runUntilEnded(FakeStepContext ctx) throws Exception {
            scheduler.runUntilDone(ctx.end, LONG_ENOUGH);
            try {
                ctx.end.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // ended with a failure: the test looks at it
            }
        }

        void runUntil(BooleanSupplier condition, String what) {
            long end = clock.millis() + LONG_ENOUGH.toMillis();
            while (!condition.getAsBoolean()) {
                if (clock.millis() > end || scheduler.pending() == 0) {
                    throw new AssertionError("never happened: " + what);
                }
                scheduler.advance(Duration.ofMillis(500));
            }
        }
    }
}
