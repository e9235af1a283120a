package io.jenkins.plugins.k6cloud.simulator;

import java.time.Duration;
import java.util.List;

/**
 * The two reads of a run's metrics that Grafana's CI action makes after a cloud run (see the
 * plugin's {@code RunMetrics}): {@code /cloud/v5/test_runs(ID)/result_summary} and
 * {@code /loadtests/v4/test_runs(ID)/checks}, over the same runs as v2 and v6. Both take
 * {@code Authorization: Token <t>} (scheme case-insensitive), whichever API the plugin speaks; an
 * {@code X-Stack-Id}, when sent, must be the simulator's stack (403 otherwise). Errors are worded as
 * v6 words them. The payloads are {@link MetricsJson}'s.
 */
final class MetricsFlavour implements ApiFlavour {
    private final SimCore core;
    private final List<Route> routes;

    MetricsFlavour(SimCore core) {
        this.core = core;
        this.routes = List.of(
                new RunRoute(
                        core,
                        Endpoint.METRICS,
                        "GET",
                        "/cloud/v5/test_runs\\((\\d+)\\)/result_summary/?",
                        V6Errors::notFound) {
                    @Override
                    SimResponse handle(SimRun run, RouteCall call) {
                        return SimResponse.json(200, MetricsJson.resultSummary(core, run, call.now()));
                    }
                },
                new RunRoute(
                        core,
                        Endpoint.CHECKS,
                        "GET",
                        "/loadtests/v4/test_runs\\((\\d+)\\)/checks/?",
                        V6Errors::notFound) {
                    @Override
                    SimResponse handle(SimRun run, RouteCall call) {
                        return SimResponse.json(200, MetricsJson.checks(run, call.now()));
                    }
                });
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
        AuthResult token = ApiFlavour.checkAuthorization(request, "Token", core.tokens);
        String stack = request.header("X-Stack-Id");
        if (!token.valid() || stack == null) {
            return token;
        }
        return stack.strip().equals(Long.toString(core.stackId())) ? AuthResult.VALID : AuthResult.STACK_DENIED;
    }

    @Override
    public SimResponse unauthorized(AuthResult result) {
        return result == AuthResult.STACK_DENIED
                ? V6Errors.error(403, V6Errors.PERMISSION_DENIED, "You do not have permission to perform this action.")
                : V6Errors.invalidToken();
    }

    @Override
    public SimResponse notFound() {
        return V6Errors.notFound();
    }

    @Override
    public SimResponse methodNotAllowed() {
        return V6Errors.error(405, V6Errors.ERROR, "Method not allowed.");
    }

    @Override
    public SimResponse rateLimited(Duration retryAfter) {
        return V6Errors.error(429, V6Errors.THROTTLED, "Request was throttled.")
                .withHeader("Retry-After", Long.toString(ApiFlavour.retryAfterSeconds(retryAfter)));
    }

    @Override
    public SimResponse badRequest(String message) {
        return V6Errors.error(400, V6Errors.VALIDATION, message);
    }

    @Override
    public SimResponse internalError(String message) {
        return V6Errors.error(500, V6Errors.ERROR, message);
    }
}
