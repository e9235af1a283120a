package io.jenkins.plugins.k6cloud.simulator;

/** {@code GET /cloud/v6/load_tests/{id}}: 200 {@code LoadTestApiModel}. */
final class V6ReadLoadTestRoute extends TestRoute {
    V6ReadLoadTestRoute(SimCore core) {
        super(core, Endpoint.TESTS, "GET", "/cloud/v6/load_tests/(\\d+)/?", V6Errors::notFound);
    }

    @Override
    SimResponse handle(LoadTestSpec test, RouteCall call) {
        return SimResponse.json(200, V6Json.loadTest(test));
    }
}
