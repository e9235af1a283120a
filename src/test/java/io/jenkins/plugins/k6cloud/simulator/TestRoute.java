package io.jenkins.plugins.k6cloud.simulator;

import java.util.function.Supplier;

/**
 * A route about one load test, whose id is the first path group: the test is journalled and looked
 * up, and an unknown id gets the flavour's 404.
 */
abstract class TestRoute extends AbstractRoute {
    final SimCore core;
    private final Supplier<SimResponse> notFound;

    TestRoute(SimCore core, Endpoint endpoint, String method, String pathRegex, Supplier<SimResponse> notFound) {
        super(endpoint, method, pathRegex);
        this.core = core;
        this.notFound = notFound;
    }

    @Override
    public final SimResponse handle(RouteCall call) {
        long testId = call.pathId(1);
        call.about(testId, null);
        checkRequest(call);
        LoadTestSpec test = core.store.test(testId);
        return test == null ? notFound.get() : handle(test, call);
    }

    /** Refuses a malformed request (with {@link BadRequestException}) before the test is looked up. */
    void checkRequest(RouteCall call) {}

    abstract SimResponse handle(LoadTestSpec test, RouteCall call);
}
