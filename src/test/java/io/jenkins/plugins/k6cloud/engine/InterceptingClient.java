package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.testing.ForwardingK6CloudClient;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

/**
 * The real client with hooks: something to do while a start is on its way (before it is sent, or
 * after its answer came back but before the engine sees it: a cancel arriving then), before a read,
 * and a rewrite of the runs read (a status code k6 Cloud may add one day). A hook may fail as the
 * call would, or {@link #hang} (a call in flight when the engine shuts down).
 */
public final class InterceptingClient extends ForwardingK6CloudClient {
    /** Something done around a call. */
    @FunctionalInterface
    public interface Hook {
        void run() throws K6CloudException;
    }

    public volatile Hook beforeStart = () -> {};
    public volatile Hook whileStarting = () -> {};
    public volatile Hook beforeRead = () -> {};
    public volatile UnaryOperator<TestRun> rewriteRun = UnaryOperator.identity();
    /** Counted down when a call starts to {@link #hang}. */
    public final CountDownLatch stalled = new CountDownLatch(1);

    public InterceptingClient(K6CloudClient real) {
        super(real);
    }

    /**
     * A hook that hangs until its thread is interrupted and then fails as the real client does
     * ({@link K6CloudException.InterruptedCallException}).
     */
    public Hook hang() {
        return () -> {
            stalled.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new K6CloudException.InterruptedCallException("Interrupted during a call", null, e);
            }
        };
    }

    @Override
    public TestRun startRun(long testId) throws K6CloudException {
        beforeStart.run();
        TestRun run = super.startRun(testId);
        whileStarting.run();
        return rewriteRun.apply(run);
    }

    @Override
    public TestRun getRun(long runId) throws K6CloudException {
        beforeRead.run();
        return rewriteRun.apply(super.getRun(runId));
    }
}
