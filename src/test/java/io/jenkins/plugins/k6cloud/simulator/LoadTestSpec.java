package io.jenkins.plugins.k6cloud.simulator;

import java.time.Instant;

/** A load test of the simulator: its id, name, creation time and the scenario its runs play. */
record LoadTestSpec(long id, String name, Instant created, Scenario scenario) {}
