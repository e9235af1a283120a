/**
 * The k6 Cloud simulator: a real HTTP server on a loopback port that behaves like the k6 Cloud
 * REST API v2, for tests, the fault matrix, benchmarks and demos.
 *
 * <p>Public API: {@link io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator} (builder, load
 * tests, tokens, stop behaviour), {@link io.jenkins.plugins.k6cloud.simulator.Scenarios} and
 * {@link io.jenkins.plugins.k6cloud.simulator.Scenario} (what runs do),
 * {@link io.jenkins.plugins.k6cloud.simulator.FaultPlan} and
 * {@link io.jenkins.plugins.k6cloud.simulator.Fault} (what goes wrong),
 * {@link io.jenkins.plugins.k6cloud.simulator.Journal} (what happened, and latches).
 *
 * <p>Inside: run state is never stored but computed from the clock by {@code RunPlan}; a stop
 * replaces the plan. {@code HttpFrontend} is the request pipeline shared by every API flavour
 * (parse, route, fault, auth, handle, journal, answer). A flavour ({@code ApiFlavour}) is a list of
 * small {@code Route} classes plus its auth and error wording; {@code V2Flavour} is the only one.
 * A v6 flavour ({@code /cloud/v6}, Bearer + X-Stack-Id, string statuses, 204/409 abort,
 * {@code @nextLink} paging) would be a {@code V6Flavour} with {@code V6*Route} classes rendering
 * the same {@code SimRun}/{@code RunState} (v6 status = a mapping of the v2 codes), added to the
 * flavour list in {@code K6CloudSimulator}; faults, journal and scenarios need no change.
 */
package io.jenkins.plugins.k6cloud.simulator;
