package io.jenkins.plugins.k6cloud.simulator;

import java.util.regex.Pattern;

/** {@code POST /loadtests/v2/tests/{id}/start-testrun}: creates a run, 200 {@code {"k6-run":{...}}}. */
final class V2StartRunRoute implements Route {
    private static final Pattern PATH = Pattern.compile("/loadtests/v2/tests/(\\d+)/start-testrun/?");
    private final SimCore core;

    V2StartRunRoute(SimCore core) {
        this.core = core;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.START;
    }

    @Override
    public String method() {
        return "POST";
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
        SimRun run = core.store.startRun(test, call.now(), call.request().header("X-Stack-Id"));
        call.about(testId, run.id());
        RunState st = run.stateAt(call.now());
        return SimResponse.json(200, V2Json.envelope("k6-run", V2Json.run(run, st, true, core.webAppUrl())));
    }
}
