package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.LoadTest;
import io.jenkins.plugins.k6cloud.api.RunQuery;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The real client with hooks: something to do while a start is in flight (a cancel arriving
 * then), and a rewrite of the runs read (a status code k6 Cloud may add one day).
 */
final class InterceptingClient implements K6CloudClient {
    private final K6CloudClient real;
    volatile Runnable whileStarting = () -> {};
    volatile UnaryOperator<TestRun> rewriteRun = UnaryOperator.identity();

    InterceptingClient(K6CloudClient real) {
        this.real = real;
    }

    @Override
    public TestRun startRun(long testId) throws K6CloudException {
        TestRun run = real.startRun(testId);
        whileStarting.run();
        return rewriteRun.apply(run);
    }

    @Override
    public TestRun getRun(long runId) throws K6CloudException {
        return rewriteRun.apply(real.getRun(runId));
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
