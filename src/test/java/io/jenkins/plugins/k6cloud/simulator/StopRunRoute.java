package io.jenkins.plugins.k6cloud.simulator;

import java.util.function.Supplier;

/**
 * Stopping a run, in either flavour: a run that has not ended is stopped after the configured stop
 * delay; the flavour words the answers for an accepted stop and for a run that had already ended.
 */
abstract class StopRunRoute extends RunRoute {
    StopRunRoute(SimCore core, String pathRegex, Supplier<SimResponse> notFound) {
        super(core, Endpoint.STOP, "POST", pathRegex, notFound);
    }

    @Override
    final SimResponse handle(SimRun run, RouteCall call) {
        if (call.fault() != null && call.fault().kind() == Fault.Kind.STOP_RACES_FINISH) {
            run.endNaturallyAt(call.now());
        }
        if (run.stateAt(call.now()).isTerminal()) {
            return endedReply(run, call);
        }
        run.requestStop(call.now(), core.stopDelay());
        return acceptedReply(run, call);
    }

    /** The answer to a stop of a run that has already ended. */
    abstract SimResponse endedReply(SimRun run, RouteCall call);

    /** The answer to a stop that was accepted. */
    abstract SimResponse acceptedReply(SimRun run, RouteCall call);
}
