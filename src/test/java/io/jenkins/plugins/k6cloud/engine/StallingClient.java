package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.testing.ForwardingK6CloudClient;
import java.util.concurrent.CountDownLatch;

/**
 * The real client, except that the chosen call hangs until its thread is interrupted and then
 * fails as the real client does ({@link K6CloudException.InterruptedCallException}): a call in
 * flight when the engine shuts down.
 */
final class StallingClient extends ForwardingK6CloudClient {
    private final boolean stallStart;
    private final boolean stallReads;
    /** Counted down when a call starts to hang. */
    final CountDownLatch stalled = new CountDownLatch(1);

    private StallingClient(K6CloudClient real, boolean stallStart, boolean stallReads) {
        super(real);
        this.stallStart = stallStart;
        this.stallReads = stallReads;
    }

    static StallingClient onStart(K6CloudClient real) {
        return new StallingClient(real, true, false);
    }

    static StallingClient onRead(K6CloudClient real) {
        return new StallingClient(real, false, true);
    }

    private void hang(String request) throws K6CloudException {
        stalled.countDown();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new K6CloudException.InterruptedCallException("Interrupted during " + request, request, e);
        }
    }

    @Override
    public TestRun startRun(long testId) throws K6CloudException {
        if (stallStart) {
            hang("POST /loadtests/v2/tests/" + testId + "/start-testrun");
        }
        return super.startRun(testId);
    }

    @Override
    public TestRun getRun(long runId) throws K6CloudException {
        if (stallReads) {
            hang("GET /loadtests/v2/runs/" + runId);
        }
        return super.getRun(runId);
    }
}
