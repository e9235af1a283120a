package io.jenkins.plugins.k6cloud.simulator;

/**
 * {@code POST /cloud/v6/test_runs/{id}/abort}: 204 and the run becomes aborted (by user) after the
 * stop delay; 409 "Cannot abort a non-running test." for a run that has ended.
 */
final class V6AbortRunRoute extends StopRunRoute {
    V6AbortRunRoute(SimCore core) {
        super(core, "/cloud/v6/test_runs/(\\d+)/abort/?", V6Errors::notFound);
    }

    @Override
    SimResponse acceptedReply(SimRun run, RouteCall call) {
        return SimResponse.noContent();
    }

    @Override
    SimResponse endedReply(SimRun run, RouteCall call) {
        return V6Errors.error(409, V6Errors.CONFLICT, "Cannot abort a non-running test.");
    }
}
