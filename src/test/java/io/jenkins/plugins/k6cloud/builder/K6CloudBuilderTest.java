package io.jenkins.plugins.k6cloud.builder;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import hudson.AbortException;
import hudson.model.Result;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.k6cloud.FakeTaskListener;
import io.jenkins.plugins.k6cloud.Outcomes;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.OutcomeWait;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import io.jenkins.plugins.k6cloud.engine.TestSettings;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import io.jenkins.plugins.k6cloud.support.FormChecks;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jenkinsci.Symbol;
import org.junit.Test;

public class K6CloudBuilderTest {
    @Test
    public void blankOptionsAreStoredAsNullSoTheGlobalDefaultsApplyAndOthersBecomeTheRunSettings() {
        K6CloudBuilder blank = new K6CloudBuilder(" ${K6_TEST_ID} ");
        blank.setCredentialsId(" ");
        blank.setPollInterval("");
        blank.setTimeout(null);
        blank.setThresholdFailure(" ");
        assertEquals("${K6_TEST_ID}", blank.getTestId());
        assertNull(blank.getCredentialsId());
        assertNull(blank.getPollInterval());
        assertNull(blank.getTimeout());
        assertNull(blank.getThresholdFailure());

        K6CloudBuilder b = new K6CloudBuilder("1234");
        b.setCredentialsId("k6-token");
        b.setPollInterval("15s");
        b.setTimeout("45m");
        b.setThresholdFailure("UNSTABLE");
        RunConfig.Options o = b.options(UnaryOperator.identity());
        assertEquals("k6-token", o.credentialsId());
        RunSettings s =
                o.toSettings(RunConfig.DEFAULT_WEB_APP_URL, RunConfig.DEFAULT_POLL_INTERVAL, RunConfig.DEFAULT_TIMEOUT);
        assertEquals(Duration.ofSeconds(15), s.pollInterval());
        assertEquals(Duration.ofMinutes(45), s.timeout());
        assertEquals(BuildResult.UNSTABLE, s.onThresholdsFailed());
        assertTrue("a freestyle build always waits for the verdict", s.waitForEnd());
    }

    @Test
    public void isNotAPipelineStepInDisguise() {
        // k6CloudRun is the Pipeline step; the build step must not offer a second, blocking way
        assertFalse(K6CloudBuilder.DescriptorImpl.class.isAnnotationPresent(Symbol.class));
        assertFalse(K6CloudBuilder.class.isAnnotationPresent(Symbol.class));
        List<String> interfaces = Arrays.stream(K6CloudBuilder.class.getInterfaces())
                .map(Class::getName)
                .collect(Collectors.toList());
        assertFalse(interfaces.contains("jenkins.tasks.SimpleBuildStep"));
    }

    @Test
    public void jenkinsShuttingDownOrARunStoppedInTheWebAppAbortsTheBuildWithAnInterruptionNotAnAbortException() {
        // core's Run.execute would turn an AbortException into FAILURE, an InterruptedException into ABORTED
        List<Result> results = new ArrayList<>();
        FakeTaskListener log = new FakeTaskListener();
        InterruptedException shutdown = assertThrows(
                InterruptedException.class, () -> K6CloudBuilder.conclude(null, true, 42, results::add, log));
        assertThat(shutdown.getMessage(), containsString("Jenkins is shutting down"));
        assertThat(log.text(), containsString("Jenkins is shutting down"));
        InterruptedException stopped = assertThrows(
                InterruptedException.class,
                () -> K6CloudBuilder.conclude(Outcomes.stoppedInTheWebApp(7), false, 42, results::add, log));
        assertThat(stopped.getMessage(), containsString("stopped in the k6 web app"));
        assertEquals(List.of(Result.ABORTED, Result.ABORTED), results);
    }

    @Test
    public void otherVerdictsSetTheResultAndSayWhetherTheBuildGoesOn() throws Exception {
        List<Result> results = new ArrayList<>();
        FakeTaskListener log = new FakeTaskListener();
        assertTrue(K6CloudBuilder.conclude(Outcomes.passed(7), false, 42, results::add, log));
        assertEquals(List.of(), results);
        assertTrue(K6CloudBuilder.conclude(Outcomes.thresholdsFailed(7), false, 42, results::add, log));
        assertEquals(List.of(Result.UNSTABLE), results);
        assertFalse(K6CloudBuilder.conclude(Outcomes.noRun(), false, 42, results::add, log));
        assertEquals(List.of(Result.UNSTABLE, Result.FAILURE), results);
        AbortException none =
                assertThrows(AbortException.class, () -> K6CloudBuilder.conclude(null, false, 42, results::add, log));
        assertThat(none.getMessage(), containsString("did not confirm"));
    }

    @Test
    public void thresholdChoicesStartWithTheDefault() {
        ListBoxModel items = new FormChecks() {}.doFillThresholdFailureItems();
        assertEquals(
                List.of("", "FAILURE", "UNSTABLE"),
                items.stream().map(o -> o.value).collect(Collectors.toList()));
    }

    @Test
    public void eachResultMapsToJenkinsResultOfTheSameNameAndOnlySuccessAndUnstableGoOn() {
        for (BuildResult r : BuildResult.values()) {
            assertEquals(r.name(), K6CloudBuilder.result(r).toString());
        }
        assertSame(Result.UNSTABLE, K6CloudBuilder.result(Verdict.THRESHOLDS_FAILED.buildResult(BuildResult.UNSTABLE)));
        assertSame(Result.FAILURE, K6CloudBuilder.result(Verdict.TIMED_OUT.buildResult(BuildResult.UNSTABLE)));
        assertTrue(K6CloudBuilder.result(BuildResult.UNSTABLE).isBetterThan(Result.FAILURE));
        assertTrue(K6CloudBuilder.result(BuildResult.ABORTED).isWorseThan(Result.FAILURE));
    }

    /** The build's wait through {@link K6CloudBuilder#canceller}; the wait itself is {@code OutcomeWaitTest}'s. */
    private OutcomeWait.Waited awaitWithTheBuildsCanceller(
            CompletableFuture<RunOutcome> outcome,
            CompletableFuture<?> engineClosed,
            FakeTaskListener log,
            List<String> cancels,
            Runnable onCancel) {
        try {
            return OutcomeWait.await(
                    outcome,
                    TestSettings.defaults(),
                    engineClosed,
                    K6CloudBuilder.canceller(
                            42,
                            reason -> {
                                cancels.add(reason);
                                onCancel.run();
                            },
                            log));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    public void anAbortStopsTheRunAndASecondStopsWaitingAndEachSaysSo() {
        RunOutcome cancelled = Outcomes.noRun();
        for (boolean twice : new boolean[] {false, true}) {
            CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
            FakeTaskListener log = new FakeTaskListener();
            List<String> cancels = new ArrayList<>();
            Thread.currentThread().interrupt(); // the build is aborted while it waits
            OutcomeWait.Waited w = awaitWithTheBuildsCanceller(outcome, new CompletableFuture<>(), log, cancels, () -> {
                if (twice && cancels.size() == 1) {
                    Thread.currentThread().interrupt(); // aborted again before k6 Cloud confirmed the stop
                } else {
                    outcome.complete(cancelled);
                }
            });
            assertTrue(w.interrupted());
            assertSame(cancelled, w.outcome());
            assertThat(log.text(), containsString("stopping the k6 Cloud run of load test 42"));
            if (twice) {
                assertEquals(List.of("the build was aborted", "stop waiting"), cancels);
                assertThat(log.text(), containsString("did not confirm the end of the run within 4m; stopped waiting"));
            } else {
                assertEquals(List.of("the build was aborted"), cancels);
            }
        }
    }

    @Test
    public void anAbortWhileJenkinsShutsDownDoesNotWaitForTheStopConfirmation() {
        CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
        CompletableFuture<Void> engineClosed = new CompletableFuture<>();
        FakeTaskListener log = new FakeTaskListener();
        List<String> cancels = new ArrayList<>();
        Thread.currentThread().interrupt();
        OutcomeWait.Waited w =
                awaitWithTheBuildsCanceller(outcome, engineClosed, log, cancels, () -> engineClosed.complete(null));
        assertTrue(w.interrupted());
        assertTrue(w.engineClosed());
        assertNull(w.outcome());
        assertEquals("no second cancel", List.of("the build was aborted"), cancels);
        assertThat(log.text(), not(containsString("stopped waiting")));
    }
}
