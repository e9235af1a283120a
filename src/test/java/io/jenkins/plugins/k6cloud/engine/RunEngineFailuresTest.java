package io.jenkins.plugins.k6cloud.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.Timings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** Failures that are not k6 Cloud's: a listener that throws, an Error in a step. */
public class RunEngineFailuresTest {
    @Rule
    public final EngineHarness h = new EngineHarness();

    private final RecordingListener listener = new RecordingListener();
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Logger reporterLog = Logger.getLogger(RunReporter.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(r);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @Before
    public void captureWarnings() {
        reporterLog.addHandler(capture);
    }

    @After
    public void releaseWarnings() {
        reporterLog.removeHandler(capture);
    }

    @Test
    public void aListenerThatThrowsNeitherStopsTheRunNorKeepsTheOutcomeFromCompleting() {
        RunEvents broken = new RunEvents() {
            @Override
            public void onLine(String line) {
                throw new IllegalStateException("console closed");
            }

            @Override
            public void onStarted(WatchState state) {
                throw new IllegalStateException("cannot save");
            }

            @Override
            public void onStateChanged(WatchState state) {
                throw new IllegalStateException("cannot save");
            }
        };
        long testId = h.test(Scenarios.passes());
        RunOutcome o = h.finish(h.engine.start(testId, h.settings(), h.client, broken));

        assertEquals(Verdict.PASSED, o.verdict());
        assertEquals("the run was not stopped", 0, h.sim.journal().count(Endpoint.STOP));
        assertFalse("the failures were logged", warnings.isEmpty());
        for (LogRecord r : warnings) {
            assertThat(r.getMessage(), containsString("listener failed"));
            assertThat(r.getMessage(), not(containsString(h.sim.token())));
        }
    }

    @Test
    public void anErrorInAStepCompletesTheOutcomeAndStopsTheRun() {
        long testId = h.test(Scenarios.passes().withTimings(Timings.standard().withRunning(Duration.ofHours(1))));
        InterceptingClient client = new InterceptingClient(h.client);
        RunWatch handle = h.engine.start(testId, h.settings(), client, listener);
        h.runUntil(() -> Integer.valueOf(2).equals(handle.state().lastRunStatus()), "running");
        client.rewriteRun = r -> {
            throw new NoClassDefFoundError("a class the plugin lost");
        };

        RunOutcome o = h.finish(handle);
        assertEquals(Verdict.UNREACHABLE, o.verdict());
        assertThat(o.message(), containsString("an unexpected error in the plugin"));
        assertEquals(1, h.stops(1));
        h.assertNothingLeftRunning(Duration.ZERO);
    }
}
