package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonObject;
import java.util.regex.Pattern;

/**
 * {@code POST /loadtests/v2/runs/{id}/stop}: a run that has not ended becomes ABORTED_BY_USER
 * after the configured stop delay; a run that has ended gets the configured
 * {@link EndedRunStopReply}.
 */
final class V2StopRunRoute implements Route {
    private static final Pattern PATH = Pattern.compile("/loadtests/v2/runs/(\\d+)/stop/?");
    private final SimCore core;

    V2StopRunRoute(SimCore core) {
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
            return V2Errors.notFound();
        }
        call.about(run.test().id(), runId);
        if (call.fault() != null && call.fault().kind() == Fault.Kind.STOP_RACES_FINISH) {
            run.endNaturallyAt(call.now());
        }
        if (run.stateAt(call.now()).isTerminal()) {
            return endedReply(run, call);
        }
        run.requestStop(call.now(), core.stopDelay());
        switch (core.acceptedStopReply()) {
            case NO_CONTENT:
                return SimResponse.noContent();
            case OK_EMPTY:
                return SimResponse.json(200, new JsonObject());
            default:
                return runReply(run, call);
        }
    }

    private SimResponse endedReply(SimRun run, RouteCall call) {
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
