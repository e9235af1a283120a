package io.jenkins.plugins.k6cloud.simulator;

/** {@code GET /loadtests/v2/tests/{id}}: 200 {@code {"k6-test":{...}}}. */
final class V2ReadTestRoute extends TestRoute {
    V2ReadTestRoute(SimCore core) {
        super(core, Endpoint.TESTS, "GET", "/loadtests/v2/tests/(\\d+)/?", V2Errors::notFound);
    }

    @Override
    SimResponse handle(LoadTestSpec test, RouteCall call) {
        return SimResponse.json(
                200,
                V2Json.envelope(
                        "k6-test", V2Json.selected(V2TestsRoute.json(core, test), V2Json.select(call.request()))));
    }
}
