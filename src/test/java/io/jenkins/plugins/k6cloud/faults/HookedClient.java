package io.jenkins.plugins.k6cloud.faults;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.LoadTest;
import io.jenkins.plugins.k6cloud.api.RunQuery;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.util.List;

/**
 * The real client with something happening while a start request is on its way: before it is
 * sent, or after its answer came back but before the engine sees it (a build aborted then).
 */
final class HookedClient implements K6CloudClient {
    private final K6CloudClient real;
    volatile Runnable beforeStart = () -> {};
    volatile Runnable afterStart = () -> {};

    HookedClient(K6CloudClient real) {
        this.real = real;
    }

    @Override
    public TestRun startRun(long testId) throws K6CloudException {
        beforeStart.run();
        TestRun run = real.startRun(testId);
        afterStart.run();
        return run;
    }

    @Override
    public TestRun getRun(long runId) throws K6CloudException {
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
