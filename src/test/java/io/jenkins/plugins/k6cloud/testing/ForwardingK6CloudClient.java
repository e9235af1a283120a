package io.jenkins.plugins.k6cloud.testing;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.LoadTest;
import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.time.Instant;
import java.util.List;

/** A client that passes every call to a real one; test clients override the calls they hook. */
public abstract class ForwardingK6CloudClient implements K6CloudClient {
    private final K6CloudClient real;

    protected ForwardingK6CloudClient(K6CloudClient real) {
        this.real = real;
    }

    @Override
    public TestRun startRun(long testId) throws K6CloudException {
        return real.startRun(testId);
    }

    @Override
    public TestRun getRun(long runId) throws K6CloudException {
        return real.getRun(runId);
    }

    @Override
    public List<TestRun> listRuns(long testId, Instant createdAfter) throws K6CloudException {
        return real.listRuns(testId, createdAfter);
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
    public LoadTest getLoadTest(long testId) throws K6CloudException {
        return real.getLoadTest(testId);
    }

    @Override
    public RunMetrics getRunMetrics(long runId) throws K6CloudException {
        return real.getRunMetrics(runId);
    }
}
