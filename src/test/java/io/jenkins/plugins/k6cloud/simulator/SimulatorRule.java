package io.jenkins.plugins.k6cloud.simulator;

import io.jenkins.plugins.k6cloud.testing.ManualClock;
import org.junit.rules.ExternalResource;

/** A simulator on a {@link ManualClock} and a {@link SimHttp} client of it; started before each test and closed after it. */
final class SimulatorRule extends ExternalResource {
    final ManualClock clock = new ManualClock();
    private K6CloudSimulator sim;
    private SimHttp http;

    @Override
    protected void before() throws Exception {
        sim = K6CloudSimulator.builder().clock(clock).start();
        http = new SimHttp(sim);
    }

    @Override
    protected void after() {
        sim.close();
    }

    K6CloudSimulator sim() {
        return sim;
    }

    SimHttp http() {
        return http;
    }
}
