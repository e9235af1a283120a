package io.jenkins.plugins.k6cloud.simulator;

/** {@code POST /loadtests/v2/tests/{id}/start-testrun}: creates a run, 200 {@code {"k6-run":{...}}}. */
final class V2StartRunRoute extends TestRoute {
    V2StartRunRoute(SimCore core) {
        super(core, Endpoint.START, "POST", "/loadtests/v2/tests/(\\d+)/start-testrun/?", V2Errors::notFound);
    }

    @Override
    SimResponse handle(LoadTestSpec test, RouteCall call) {
        SimRun run = core.store.startRun(test, call.now(), call.request().header("X-Stack-Id"));
        call.about(test.id(), run.id());
        RunState st = run.stateAt(call.now());
        return SimResponse.json(200, V2Json.envelope("k6-run", V2Json.run(run, st, true, core.webAppUrl())));
    }
}
