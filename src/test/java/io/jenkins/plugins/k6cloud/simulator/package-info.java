/**
 * The k6 Cloud simulator: a real HTTP server on a loopback port that behaves like the k6 Cloud REST API, for
 * tests, the fault matrix, benchmarks and demos. Public API: {@code K6CloudSimulator} (builder, load tests,
 * tokens, stop behaviour), {@code Scenarios}/{@code Scenario} (what runs do), {@code FaultPlan}/{@code Fault}
 * (what goes wrong), {@code Journal} (what happened, and latches).
 *
 * <p>Inside: run state is computed from the clock by {@code RunPlan} (a stop replaces the plan);
 * {@code HttpFrontend} is the pipeline every flavour shares (parse, route, fault, auth, handle, journal,
 * answer); a {@code SimFlavour} is a list of {@code Route}s plus its auth and error wording: {@code V2Flavour}
 * ({@code /loadtests/v2}, {@code Token}), {@code V6Flavour} ({@code /cloud/v6}, {@code Bearer} +
 * {@code X-Stack-Id}) and {@code MetricsFlavour}, over the same runs and journaled under the same
 * {@code Endpoint}s, so faults, scenarios and journal queries work for all.
 */
package io.jenkins.plugins.k6cloud.simulator;
