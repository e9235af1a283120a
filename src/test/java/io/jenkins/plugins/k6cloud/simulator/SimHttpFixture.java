package io.jenkins.plugins.k6cloud.simulator;

import io.jenkins.plugins.k6cloud.testing.ManualClock;
import io.jenkins.plugins.k6cloud.testing.SimulatorRule;
import org.junit.Before;
import org.junit.Rule;

/** The base of the tests of the simulator's HTTP surface: the simulator on a manual clock, and a plain client of it. */
abstract class SimHttpFixture {
    @Rule
    public final SimulatorRule simulator = new SimulatorRule();

    final ManualClock clock = simulator.clock;
    K6CloudSimulator sim;
    SimHttp http;
    /** The v6 client: {@code Bearer} and the stack id. */
    SimHttp v6;

    @Before
    public void useSimulator() {
        sim = simulator.sim();
        http = new SimHttp(sim);
        v6 = SimHttp.v6(sim);
    }
}
