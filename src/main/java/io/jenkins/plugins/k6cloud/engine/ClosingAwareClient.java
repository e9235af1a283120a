package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.LoadTest;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.time.Instant;
import java.util.List;

/**
 * The client as the watches see it: once the engine is closing no call is sent, and a call that
 * fails meanwhile (typically interrupted by the scheduler's shutdown) throws
 * {@link EngineClosingException} instead, so that no step turns the shutdown into a verdict or a stop.
 */
final class ClosingAwareClient implements K6CloudClient {
    private final K6CloudClient real;
    private final EngineWatches engine;

    ClosingAwareClient(K6CloudClient real, EngineWatches engine) {
        this.real = real;
        this.engine = engine;
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws K6CloudException;
    }

    private <T> T call(Call<T> call) throws K6CloudException {
        if (engine.closing()) {
            throw new EngineClosingException();
        }
        try {
            return call.run();
        } catch (K6CloudException e) {
            if (engine.closing()) {
                throw new EngineClosingException();
            }
            throw e;
        }
    }

    @Override
    public TestRun startRun(long testId) throws K6CloudException {
        return call(() -> real.startRun(testId));
    }

    @Override
    public TestRun getRun(long runId) throws K6CloudException {
        return call(() -> real.getRun(runId));
    }

    @Override
    public List<TestRun> listRuns(long testId, Instant createdAfter) throws K6CloudException {
        return call(() -> real.listRuns(testId, createdAfter));
    }

    @Override
    public void stopRun(long runId) throws K6CloudException {
        call(() -> {
            real.stopRun(runId);
            return null;
        });
    }

    @Override
    public List<Threshold> getThresholds(long runId) throws K6CloudException {
        return call(() -> real.getThresholds(runId));
    }

    @Override
    public void checkToken() throws K6CloudException {
        call(() -> {
            real.checkToken();
            return null;
        });
    }

    @Override
    public LoadTest getLoadTest(long testId) throws K6CloudException {
        return call(() -> real.getLoadTest(testId));
    }
}
