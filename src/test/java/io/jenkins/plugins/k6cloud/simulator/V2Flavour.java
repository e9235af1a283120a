package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * The legacy API ({@code /loadtests/v2}, {@code /v3}): {@code Authorization: Token <t>} (scheme
 * case-insensitive), integer error codes.
 */
final class V2Flavour implements ApiFlavour {
    private final SimCore core;
    private final List<Route> routes;

    V2Flavour(SimCore core) {
        this.core = core;
        this.routes = List.of(
                new V2StartRunRoute(core),
                new V2ReadRunRoute(core),
                new V2ListRunsRoute(core),
                new V2StopRunRoute(core),
                new V2ThresholdsRoute(core),
                new V2TestsRoute(core),
                new V2ReadTestRoute(core),
                new V3OrganizationsRoute(),
                new WebAppRunPageRoute(core));
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    @Override
    public AuthResult authenticate(SimRequest request) {
        return ApiFlavour.checkAuthorization(request, "Token", core.tokens);
    }

    @Override
    public SimResponse unauthorized(AuthResult result) {
        if (result == AuthResult.MISSING) {
            return V2Errors.error(401, V2Errors.NOT_AUTHENTICATED, "Authentication credentials were not provided.");
        }
        return V2Errors.error(401, V2Errors.AUTHENTICATION_FAILED, "Invalid token.");
    }

    @Override
    public SimResponse notFound() {
        return V2Errors.notFound();
    }

    @Override
    public SimResponse methodNotAllowed() {
        return V2Errors.error(405, V2Errors.METHOD_NOT_ALLOWED, "Method not allowed.");
    }

    @Override
    public SimResponse rateLimited(Duration retryAfter) {
        long seconds = ApiFlavour.retryAfterSeconds(retryAfter);
        JsonObject error = new JsonObject();
        error.addProperty("message", "Request was throttled. Expected available in " + seconds + " seconds.");
        error.addProperty("code", V2Errors.UNKNOWN);
        return SimResponse.json(429, V2Json.envelope("error", error)).withHeader("Retry-After", Long.toString(seconds));
    }

    @Override
    public SimResponse badRequest(String message) {
        return V2Errors.error(400, V2Errors.VALIDATION, message);
    }

    @Override
    public SimResponse internalError(String message) {
        return V2Errors.error(500, V2Errors.GENERAL, message);
    }
}
