package io.jenkins.plugins.k6cloud.simulator;

import java.util.List;

/**
 * The two reads of a run's metrics that Grafana's CI action makes after a cloud run (see the
 * plugin's {@code RunMetrics}): {@code /cloud/v5/test_runs(ID)/result_summary} and
 * {@code /loadtests/v4/test_runs(ID)/checks}, over the same runs as v2 and v6. Both take
 * {@code Authorization: Token <t>} (scheme case-insensitive), whichever API the plugin speaks; an
 * {@code X-Stack-Id}, when sent, must be the simulator's stack (403 otherwise). Errors are worded as
 * v6 words them. The payloads are {@link MetricsJson}'s.
 */
final class MetricsFlavour implements SimFlavour {
    private final SimCore core;
    private final List<Route> routes;

    MetricsFlavour(SimCore core) {
        this.core = core;
        this.routes = List.of(
                Route.ofRun(
                        core,
                        Endpoint.METRICS,
                        "GET",
                        "/cloud/v5/test_runs\\((\\d+)\\)/result_summary/?",
                        V6Errors::notFound,
                        (run, call) -> SimResponse.json(200, MetricsJson.resultSummary(core, run, call.now()))),
                Route.ofRun(
                        core,
                        Endpoint.CHECKS,
                        "GET",
                        "/loadtests/v4/test_runs\\((\\d+)\\)/checks/?",
                        V6Errors::notFound,
                        (run, call) -> SimResponse.json(200, MetricsJson.checks(run, call.now()))));
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    @Override
    public boolean owns(String path) {
        return path.startsWith("/cloud/v5/") || path.startsWith("/loadtests/v4/");
    }

    @Override
    public AuthResult authenticate(SimRequest request) {
        AuthResult token = SimFlavour.checkAuthorization(request, "Token", core.tokens);
        String stack = request.header("X-Stack-Id");
        if (!token.valid() || stack == null) {
            return token;
        }
        return stack.strip().equals(Long.toString(core.stackId())) ? AuthResult.VALID : AuthResult.STACK_DENIED;
    }
}
