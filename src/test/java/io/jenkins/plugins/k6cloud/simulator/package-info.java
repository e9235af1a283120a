/**
 * The k6 Cloud simulator: a real HTTP server on a loopback port that behaves like the k6 Cloud
 * REST API (v2 and v6), for tests, the fault matrix, benchmarks and demos.
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
 * (parse, route, fault, auth, handle, journal, answer). A flavour ({@code SimFlavour}) is a list of
 * {@code Route}s (endpoint, method, path, handler; the handlers are the flavour's methods) plus its
 * auth and error wording. Both are served at once, on their
 * own paths: {@code V2Flavour} ({@code /loadtests/v2}, {@code Token}, integer error codes) and
 * {@code V6Flavour} ({@code /cloud/v6}, {@code Bearer} + {@code X-Stack-Id}, string statuses and
 * error codes, 204/409 abort, {@code @nextLink} paging, {@code K6-Idempotency-Key}). The v6 routes
 * render the same {@code SimRun}/{@code RunState} ({@code V6Json}: v6 status = a mapping of the v2
 * codes) and are journaled under the same {@code Endpoint}s, so faults, scenarios and journal
 * queries work for both.
 */
package io.jenkins.plugins.k6cloud.simulator;
