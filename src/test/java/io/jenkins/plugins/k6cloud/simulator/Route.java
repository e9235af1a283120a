package io.jenkins.plugins.k6cloud.simulator;

import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One endpoint of one API flavour: a method, a path pattern (the whole decoded path must match; its groups are read
 * with {@link RouteCall#pathId(int)}), whether it needs credentials, and a handler.
 */
record Route(
        Endpoint endpoint,
        String method,
        Pattern path,
        boolean requiresAuth,
        Function<RouteCall, SimResponse> handler) {

    static Route of(Endpoint endpoint, String method, String pathRegex, Function<RouteCall, SimResponse> handler) {
        return new Route(endpoint, method, Pattern.compile(pathRegex), true, handler);
    }

    /**
     * A route about one run, whose id is the first path group: the run is looked up and journalled, and an unknown id
     * gets the flavour's {@code notFound}.
     */
    static Route ofRun(
            SimCore core,
            Endpoint endpoint,
            String method,
            String pathRegex,
            Supplier<SimResponse> notFound,
            BiFunction<SimRun, RouteCall, SimResponse> handler) {
        return of(endpoint, method, pathRegex, call -> {
            long runId = call.pathId(1);
            SimRun run = core.store.run(runId);
            call.about(run == null ? null : run.test().id(), runId);
            return run == null ? notFound.get() : handler.apply(run, call);
        });
    }

    /**
     * A route about one load test, whose id is the first path group: the test is journalled, {@code check} may refuse a
     * malformed request (with {@link BadRequestException}) before the test is looked up, and an unknown id gets the
     * flavour's {@code notFound}.
     */
    static Route ofTest(
            SimCore core,
            Endpoint endpoint,
            String method,
            String pathRegex,
            Supplier<SimResponse> notFound,
            Consumer<RouteCall> check,
            BiFunction<LoadTestSpec, RouteCall, SimResponse> handler) {
        return of(endpoint, method, pathRegex, call -> {
            long testId = call.pathId(1);
            call.about(testId, null);
            check.accept(call);
            LoadTestSpec test = core.store.test(testId);
            return test == null ? notFound.get() : handler.apply(test, call);
        });
    }

    /**
     * Stopping a run, in either flavour: a run that has not ended is stopped after the configured stop delay; the
     * flavour words the answers for an accepted stop and for a run that had already ended.
     */
    static Route ofStop(
            SimCore core,
            String pathRegex,
            Supplier<SimResponse> notFound,
            BiFunction<SimRun, RouteCall, SimResponse> accepted,
            BiFunction<SimRun, RouteCall, SimResponse> ended) {
        return ofRun(core, Endpoint.STOP, "POST", pathRegex, notFound, (run, call) -> {
            if (call.fault() != null && call.fault().kind() == Fault.Kind.STOP_RACES_FINISH) {
                run.endNaturallyAt(call.now());
            }
            if (run.stateAt(call.now()).isTerminal()) {
                return ended.apply(run, call);
            }
            run.requestStop(call.now(), core.stopDelay());
            return accepted.apply(run, call);
        });
    }

    /** The same route, served without credentials. */
    Route open() {
        return new Route(endpoint, method, path, false, handler);
    }

    SimResponse handle(RouteCall call) {
        return handler.apply(call);
    }
}
