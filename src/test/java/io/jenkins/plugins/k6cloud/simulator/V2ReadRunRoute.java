package io.jenkins.plugins.k6cloud.simulator;

import java.util.regex.Pattern;

/** {@code GET /loadtests/v2/runs/{id}[?$select=...]}: 200 {@code {"k6-run":{...}}}. */
final class V2ReadRunRoute implements Route {
    private static final Pattern PATH = Pattern.compile("/loadtests/v2/runs/(\\d+)/?");
    private final SimCore core;

    V2ReadRunRoute(SimCore core) {
        this.core = core;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.READ;
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
        long runId = call.pathId(1);
        SimRun run = core.store.run(runId);
        if (run == null) {
            call.about(null, runId);
            return V2Errors.notFound();
        }
        call.about(run.test().id(), runId);
        RunState st = run.stateAt(call.now());
        return SimResponse.json(
                200,
                V2Json.envelope(
                        "k6-run",
                        V2Json.selected(V2Json.run(run, st, false, core.webAppUrl()), V2Json.select(call.request()))));
    }
}
