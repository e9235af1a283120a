package io.jenkins.plugins.k6cloud.simulator;

import java.util.regex.Pattern;

/**
 * {@code POST /cloud/v6/test_runs/{id}/abort}: 204 and the run becomes aborted (by user) after the
 * stop delay; 409 "Cannot abort a non-running test." for a run that has ended.
 */
final class V6AbortRunRoute implements Route {
    private static final Pattern PATH = Pattern.compile("/cloud/v6/test_runs/(\\d+)/abort/?");
    private final SimCore core;

    V6AbortRunRoute(SimCore core) {
        this.core = core;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.STOP;
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
        long runId = call.pathId(1);
        SimRun run = core.store.run(runId);
        if (run == null) {
            call.about(null, runId);
            return V6Errors.notFound();
        }
        call.about(run.test().id(), runId);
        if (call.fault() != null && call.fault().kind() == Fault.Kind.STOP_RACES_FINISH) {
            run.endNaturallyAt(call.now());
        }
        if (run.stateAt(call.now()).isTerminal()) {
            return V6Errors.error(409, V6Errors.CONFLICT, "Cannot abort a non-running test.");
        }
        run.requestStop(call.now(), core.stopDelay());
        return SimResponse.noContent();
    }
}
