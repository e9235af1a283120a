package io.jenkins.plugins.k6cloud.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import hudson.model.Result;
import java.util.concurrent.atomic.AtomicInteger;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.junit.Test;

public class StepLifecycleTest {
    @Test
    public void reportsTheEndOnce() {
        StepLifecycle l = new StepLifecycle();
        AtomicInteger reports = new AtomicInteger();
        l.end(reports::incrementAndGet);
        l.end(reports::incrementAndGet);
        assertEquals(1, reports.get());
        assertTrue(l.isEnded());
    }

    @Test
    public void keepsTheFirstStopAndRefusesStopsAfterTheEnd() {
        StepLifecycle l = new StepLifecycle();
        Throwable first = new InterruptedException("first");
        assertTrue(l.requestStop(first));
        assertTrue(l.requestStop(new InterruptedException("second")));
        assertSame(first, l.stopCause());
        l.end(() -> {});
        assertFalse(l.requestStop(new InterruptedException("late")));
    }

    @Test
    public void saysWhoStoppedTheStepNotWhichExceptionDidIt() {
        Throwable byAlice = new FlowInterruptedException(Result.ABORTED, true, cause("Aborted by alice"));
        assertEquals("Aborted by alice", StepLifecycle.whoStopped(byAlice));
        assertEquals(
                "Aborted by alice; Timeout has been exceeded",
                StepLifecycle.whoStopped(new FlowInterruptedException(
                        Result.ABORTED,
                        true,
                        cause("Aborted by alice"),
                        cause(" "),
                        cause("Timeout has been exceeded"))));
        assertEquals(
                "the build was stopped", StepLifecycle.whoStopped(new FlowInterruptedException(Result.ABORTED, true)));
        assertEquals("the build was stopped", StepLifecycle.whoStopped(new InterruptedException()));
        assertEquals("the build was stopped", StepLifecycle.whoStopped(null));
        assertEquals("disk full", StepLifecycle.whoStopped(new IllegalStateException("disk full")));

        StepLifecycle l = new StepLifecycle();
        l.requestStop(byAlice);
        assertEquals("Aborted by alice", l.stopReason());
    }

    @Test
    public void aFailingReportStillEndsTheStep() {
        StepLifecycle l = new StepLifecycle();
        l.end(() -> {
            throw new IllegalStateException("boom");
        });
        assertTrue(l.isEnded());
    }

    /** A cause of interruption with this short description (the real ones need a live Jenkins). */
    static CauseOfInterruption cause(String description) {
        return new CauseOfInterruption() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getShortDescription() {
                return description;
            }
        };
    }
}
