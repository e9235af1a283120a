package io.jenkins.plugins.k6cloud.simulator;

/**
 * {@code POST /cloud/v6/load_tests/{id}/start}: creates a run, 200 with the run and its
 * {@code test_run_details_page_url}. A {@code K6-Idempotency-Key} (1..36 characters) seen for the
 * same test within 10 minutes gives back the run it created ({@link IdempotencyKeys}).
 */
final class V6StartRunRoute extends TestRoute {
    static final String IDEMPOTENCY_KEY = "K6-Idempotency-Key";

    V6StartRunRoute(SimCore core) {
        super(core, Endpoint.START, "POST", "/cloud/v6/load_tests/(\\d+)/start/?", V6Errors::notFound);
    }

    @Override
    void checkRequest(RouteCall call) {
        String key = call.request().header(IDEMPOTENCY_KEY);
        if (key != null && (key.isEmpty() || key.length() > 36)) {
            throw new BadRequestException(IDEMPOTENCY_KEY + " must have 1 to 36 characters.");
        }
    }

    @Override
    SimResponse handle(LoadTestSpec test, RouteCall call) {
        String key = call.request().header(IDEMPOTENCY_KEY);
        String stack = call.request().header("X-Stack-Id");
        SimRun run = core.idempotencyKeys.runFor(
                key, test.id(), call.now(), () -> core.store.startRun(test, call.now(), stack));
        call.about(test.id(), run.id());
        RunState st = run.stateAt(call.now());
        return SimResponse.json(200, V6Json.run(run, st, call.now(), core.webAppUrl() + "/runs/" + run.id()));
    }
}
