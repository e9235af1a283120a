package io.jenkins.plugins.k6cloud.simulator;

/** {@code GET /loadtests/v2/runs/{id}[?$select=...]}: 200 {@code {"k6-run":{...}}}. */
final class V2ReadRunRoute extends RunRoute {
    V2ReadRunRoute(SimCore core) {
        super(core, Endpoint.READ, "GET", "/loadtests/v2/runs/(\\d+)/?", V2Errors::notFound);
    }

    @Override
    SimResponse handle(SimRun run, RouteCall call) {
        RunState st = run.stateAt(call.now());
        return SimResponse.json(
                200,
                V2Json.envelope(
                        "k6-run",
                        V2Json.selected(V2Json.run(run, st, false, core.webAppUrl()), V2Json.select(call.request()))));
    }
}
