package io.jenkins.plugins.k6cloud.simulator;

/** {@code GET /cloud/v6/test_runs/{id}}: 200 {@code TestRunApiModel}. */
final class V6ReadRunRoute extends RunRoute {
    V6ReadRunRoute(SimCore core) {
        super(core, Endpoint.READ, "GET", "/cloud/v6/test_runs/(\\d+)/?", V6Errors::notFound);
    }

    @Override
    SimResponse handle(SimRun run, RouteCall call) {
        return SimResponse.json(200, V6Json.run(run, run.stateAt(call.now()), call.now(), null));
    }
}
