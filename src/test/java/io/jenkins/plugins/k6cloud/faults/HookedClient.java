package io.jenkins.plugins.k6cloud.faults;

import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.TestRun;
import io.jenkins.plugins.k6cloud.testing.ForwardingK6CloudClient;

/**
 * The real client with something happening while a start request is on its way: before it is
 * sent, or after its answer came back but before the engine sees it (a build aborted then).
 */
final class HookedClient extends ForwardingK6CloudClient {
    volatile Runnable beforeStart = () -> {};
    volatile Runnable afterStart = () -> {};

    HookedClient(K6CloudClient real) {
        super(real);
    }

    @Override
    public TestRun startRun(long testId) throws K6CloudException {
        beforeStart.run();
        TestRun run = super.startRun(testId);
        afterStart.run();
        return run;
    }
}
