package io.jenkins.plugins.k6cloud.simulator;

import java.util.regex.Pattern;

/** {@code GET /cloud/v6/load_tests/{id}}: 200 {@code LoadTestApiModel}. */
final class V6ReadLoadTestRoute implements Route {
    private static final Pattern PATH = Pattern.compile("/cloud/v6/load_tests/(\\d+)/?");
    private final SimCore core;

    V6ReadLoadTestRoute(SimCore core) {
        this.core = core;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.TESTS;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public Pattern path() {
        return PATH;
    }

    @Override
    public SimResponse handle(RouteCall call) {
        long testId = call.pathId(1);
        call.about(testId, null);
        LoadTestSpec test = core.store.test(testId);
        return test == null ? V6Errors.notFound() : SimResponse.json(200, V6Json.loadTest(test));
    }
}
