package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonObject;

/**
 * {@code POST /loadtests/v2/runs/{id}/stop}: a run that has not ended becomes ABORTED_BY_USER
 * after the configured stop delay; a run that has ended gets the configured
 * {@link EndedRunStopReply}.
 */
final class V2StopRunRoute extends StopRunRoute {
    V2StopRunRoute(SimCore core) {
        super(core, "/loadtests/v2/runs/(\\d+)/stop/?", V2Errors::notFound);
    }

    @Override
    SimResponse acceptedReply(SimRun run, RouteCall call) {
        switch (core.acceptedStopReply()) {
            case NO_CONTENT:
                return SimResponse.noContent();
            case OK_EMPTY:
                return SimResponse.json(200, new JsonObject());
            default:
                return runReply(run, call);
        }
    }

    @Override
    SimResponse endedReply(SimRun run, RouteCall call) {
        switch (core.endedRunStopReply()) {
            case OK_200:
                return runReply(run, call);
            case CONFLICT_409:
                return V2Errors.error(409, V2Errors.NOT_ALLOWED, "Test run is not running.");
            default:
                return V2Errors.error(400, V2Errors.VALIDATION, "Test run is not running.");
        }
    }

    private SimResponse runReply(SimRun run, RouteCall call) {
        RunState st = run.stateAt(call.now());
        return SimResponse.json(200, V2Json.envelope("k6-run", V2Json.run(run, st, false, core.webAppUrl())));
    }
}
