package io.jenkins.plugins.k6cloud.simulator;

import java.time.Duration;
import java.util.List;

/**
 * Grafana Cloud k6 REST API v6 ({@code /cloud/v6}): {@code Authorization: Bearer <t>} (scheme
 * case-insensitive) and {@code X-Stack-Id} equal to the simulator's stack id on every route, string
 * error codes. A token given with the {@code Token} scheme is refused like an invalid one.
 */
final class V6Flavour implements ApiFlavour {
    static final String PREFIX = "/cloud/v6/";

    private final SimCore core;
    private final List<Route> routes;

    V6Flavour(SimCore core) {
        this.core = core;
        this.routes = List.of(
                new V6StartRunRoute(core),
                new V6ReadRunRoute(core),
                new V6ListRunsRoute(core),
                new V6AbortRunRoute(core),
                new V6LoadTestsRoute(core),
                new V6ReadLoadTestRoute(core),
                new V6ProjectsRoute(),
                new V6FindLoadTestsRoute(core),
                new V6CreateLoadTestRoute(core),
                new V6ScriptRoute(core),
                new V6NoteRoute(core));
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    @Override
    public boolean owns(String path) {
        return path.startsWith(PREFIX);
    }

    @Override
    public AuthResult authenticate(SimRequest request) {
        AuthResult token = ApiFlavour.checkAuthorization(request, "Bearer", core.tokens);
        if (!token.valid()) {
            return token;
        }
        String stack = request.header("X-Stack-Id");
        if (stack == null || stack.isBlank()) {
            return AuthResult.STACK_MISSING;
        }
        return stack.strip().equals(Long.toString(core.stackId())) ? AuthResult.VALID : AuthResult.STACK_DENIED;
    }

    @Override
    public SimResponse unauthorized(AuthResult result) {
        switch (result) {
            case STACK_MISSING:
                return V6Errors.error(400, V6Errors.VALIDATION, "The X-Stack-Id header is required.");
            case STACK_DENIED:
                return V6Errors.error(
                        403, V6Errors.PERMISSION_DENIED, "You do not have permission to perform this action.");
            default:
                return V6Errors.invalidToken();
        }
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
        long seconds = ApiFlavour.retryAfterSeconds(retryAfter);
        return V6Errors.error(429, V6Errors.THROTTLED, "Request was throttled.")
                .withHeader("Retry-After", Long.toString(seconds));
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
