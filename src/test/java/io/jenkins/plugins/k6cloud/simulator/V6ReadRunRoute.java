package io.jenkins.plugins.k6cloud.simulator;

import java.util.regex.Pattern;

/** {@code GET /cloud/v6/test_runs/{id}}: 200 {@code TestRunApiModel}. */
final class V6ReadRunRoute implements Route {
    private static final Pattern PATH = Pattern.compile("/cloud/v6/test_runs/(\\d+)/?");
    private final SimCore core;

    V6ReadRunRoute(SimCore core) {
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
            return V6Errors.notFound();
        }
        call.about(run.test().id(), runId);
        return SimResponse.json(200, V6Json.run(run, run.stateAt(call.now()), call.now(), null));
    }
}
