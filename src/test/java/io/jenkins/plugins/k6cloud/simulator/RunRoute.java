package io.jenkins.plugins.k6cloud.simulator;

import java.util.function.Supplier;

/**
 * A route about one run, whose id is the first path group: the run is looked up and journalled,
 * and an unknown id gets the flavour's 404.
 */
abstract class RunRoute extends AbstractRoute {
    final SimCore core;
    private final Supplier<SimResponse> notFound;

    RunRoute(SimCore core, Endpoint endpoint, String method, String pathRegex, Supplier<SimResponse> notFound) {
        super(endpoint, method, pathRegex);
        this.core = core;
        this.notFound = notFound;
    }

    @Override
    public final SimResponse handle(RouteCall call) {
        long runId = call.pathId(1);
        SimRun run = core.store.run(runId);
        if (run == null) {
            call.about(null, runId);
            return notFound.get();
        }
        call.about(run.test().id(), runId);
        return handle(run, call);
    }

    abstract SimResponse handle(SimRun run, RouteCall call);
}
