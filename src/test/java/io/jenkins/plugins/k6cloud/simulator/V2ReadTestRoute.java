package io.jenkins.plugins.k6cloud.simulator;

import java.util.regex.Pattern;

/** {@code GET /loadtests/v2/tests/{id}}: 200 {@code {"k6-test":{...}}}. */
final class V2ReadTestRoute implements Route {
    private static final Pattern PATH = Pattern.compile("/loadtests/v2/tests/(\\d+)/?");
    private final SimCore core;

    V2ReadTestRoute(SimCore core) {
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
        if (test == null) {
            return V2Errors.notFound();
        }
        return SimResponse.json(
                200,
                V2Json.envelope(
                        "k6-test", V2Json.selected(V2TestsRoute.json(core, test), V2Json.select(call.request()))));
    }
}
