package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.testing.ForwardingK6CloudClient;
import java.util.function.UnaryOperator;

/**
 * The real client with hooks: something to do while a start is in flight (a cancel arriving
 * then), and a rewrite of the runs read (a status code k6 Cloud may add one day).
 */
final class InterceptingClient extends ForwardingK6CloudClient {
    volatile Runnable whileStarting = () -> {};
    volatile UnaryOperator<TestRun> rewriteRun = UnaryOperator.identity();

    InterceptingClient(K6CloudClient real) {
        super(real);
    }

    @Override
    public TestRun startRun(long testId) throws K6CloudException {
        TestRun run = super.startRun(testId);
        whileStarting.run();
        return rewriteRun.apply(run);
    }

    @Override
    public TestRun getRun(long runId) throws K6CloudException {
        return rewriteRun.apply(super.getRun(runId));
    }
}
