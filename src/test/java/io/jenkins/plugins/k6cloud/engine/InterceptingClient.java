package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.testing.ForwardingK6CloudClient;
import java.util.function.UnaryOperator;

/**
 * The real client with hooks: something to do while a start is on its way (before it is sent, or
 * after its answer came back but before the engine sees it: a cancel arriving then), and a rewrite
 * of the runs read (a status code k6 Cloud may add one day).
 */
public final class InterceptingClient extends ForwardingK6CloudClient {
    public volatile Runnable beforeStart = () -> {};
    public volatile Runnable whileStarting = () -> {};
    public volatile UnaryOperator<TestRun> rewriteRun = UnaryOperator.identity();

    public InterceptingClient(K6CloudClient real) {
        super(real);
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
        return rewriteRun.apply(super.getRun(runId));
    }
}
