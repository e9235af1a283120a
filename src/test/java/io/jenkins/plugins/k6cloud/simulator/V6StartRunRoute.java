package io.jenkins.plugins.k6cloud.simulator;

import java.util.regex.Pattern;

/**
 * {@code POST /cloud/v6/load_tests/{id}/start}: creates a run, 200 with the run and its
 * {@code test_run_details_page_url}. A {@code K6-Idempotency-Key} (1..36 characters) seen for the
 * same test within 10 minutes gives back the run it created ({@link IdempotencyKeys}).
 */
final class V6StartRunRoute implements Route {
    static final String IDEMPOTENCY_KEY = "K6-Idempotency-Key";
    private static final Pattern PATH = Pattern.compile("/cloud/v6/load_tests/(\\d+)/start/?");
    private final SimCore core;

    V6StartRunRoute(SimCore core) {
        this.core = core;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.START;
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
        long testId = call.pathId(1);
        call.about(testId, null);
        String key = call.request().header(IDEMPOTENCY_KEY);
        if (key != null && (key.isEmpty() || key.length() > 36)) {
            throw new BadRequestException(IDEMPOTENCY_KEY + " must have 1 to 36 characters.");
        }
        LoadTestSpec test = core.store.test(testId);
        if (test == null) {
            return V6Errors.notFound();
        }
        String stack = call.request().header("X-Stack-Id");
        SimRun run = core.idempotencyKeys.runFor(
                key, testId, call.now(), () -> core.store.startRun(test, call.now(), stack));
        call.about(testId, run.id());
        RunState st = run.stateAt(call.now());
        return SimResponse.json(200, V6Json.run(run, st, call.now(), core.webAppUrl() + "/runs/" + run.id()));
    }
}
