package io.jenkins.plugins.k6cloud.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
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
    public void aFailingReportStillEndsTheStep() {
        StepLifecycle l = new StepLifecycle();
        l.end(() -> {
            throw new IllegalStateException("boom");
        });
        assertTrue(l.isEnded());
    }
}
