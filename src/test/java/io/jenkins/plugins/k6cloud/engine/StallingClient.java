package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.LoadTest;
import io.jenkins.plugins.k6cloud.api.RunQuery;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The real client, except that the chosen call hangs until its thread is interrupted and then
 * fails as the real client does ({@link K6CloudException.InterruptedCallException}): a call in
 * flight when the engine shuts down.
 */
final class StallingClient implements K6CloudClient {
    private final K6CloudClient real;
    private final boolean stallStart;
    private final boolean stallReads;
    /** Counted down when a call starts to hang. */
    final CountDownLatch stalled = new CountDownLatch(1);

    private StallingClient(K6CloudClient real, boolean stallStart, boolean stallReads) {
        this.real = real;
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
        return real.startRun(testId);
    }

    @Override
    public TestRun getRun(long runId) throws K6CloudException {
        if (stallReads) {
            hang("GET /loadtests/v2/runs/" + runId);
        }
        return real.getRun(runId);
    }

    @Override
    public List<TestRun> listRuns(RunQuery query) throws K6CloudException {
        return real.listRuns(query);
    }

    @Override
    public void stopRun(long runId) throws K6CloudException {
        real.stopRun(runId);
    }

    @Override
    public List<Threshold> getThresholds(long runId) throws K6CloudException {
        return real.getThresholds(runId);
    }

    @Override
    public void checkToken() throws K6CloudException {
        real.checkToken();
    }

    @Override
    public List<LoadTest> listLoadTests() throws K6CloudException {
        return real.listLoadTests();
    }

    @Override
    public LoadTest getLoadTest(long testId) throws K6CloudException {
        return real.getLoadTest(testId);
    }
}
