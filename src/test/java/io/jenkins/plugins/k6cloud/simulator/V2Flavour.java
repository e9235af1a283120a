package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The legacy API ({@code /loadtests/v2}, {@code /v3}): {@code Authorization: Token <t>} (scheme
 * case-insensitive), integer error codes; its routes, each with the handler below it.
 */
final class V2Flavour implements SimFlavour {
    private final SimCore core;
    private final List<Route> routes;

    V2Flavour(SimCore core) {
        this.core = core;
        this.routes = List.of(
                Route.ofTest(
                        core,
                        Endpoint.START,
                        "POST",
                        "/loadtests/v2/tests/(\\d+)/start-testrun/?",
                        V2Errors::notFound,
                        call -> {},
                        this::startRun),
                Route.ofRun(
                        core, Endpoint.READ, "GET", "/loadtests/v2/runs/(\\d+)/?", V2Errors::notFound, this::readRun),
                Route.of(Endpoint.LIST, "GET", "/loadtests/v2/runs/?", this::listRuns),
                Route.ofStop(
                        core,
                        "/loadtests/v2/runs/(\\d+)/stop/?",
                        V2Errors::notFound,
                        (run, call) -> SimResponse.json(200, V2Json.envelope("k6-run", runJson(run, call, false))),
                        this::stopEnded),
                Route.of(Endpoint.THRESHOLDS, "GET", "/loadtests/v2/thresholds/?", this::thresholds),
                Route.ofTest(
                        core,
                        Endpoint.TESTS,
                        "GET",
                        "/loadtests/v2/tests/(\\d+)/?",
                        V2Errors::notFound,
                        call -> {},
                        (test, call) -> SimResponse.json(
                                200,
                                V2Json.envelope(
                                        "k6-test", V2Json.selected(testJson(test), V2Json.select(call.request()))))),
                Route.of(Endpoint.TOKEN, "GET", "/v3/organizations/?", call -> organizations()),
                Route.of(Endpoint.WEB_APP, "GET", "/app/runs/(\\d+)/?", this::webAppRunPage)
                        .open());
    }

    /** {@code POST /loadtests/v2/tests/{id}/start-testrun}: creates a run, 200 {@code {"k6-run":{...}}}. */
    private SimResponse startRun(LoadTestSpec test, RouteCall call) {
        SimRun run = core.store.startRun(test, call.now(), call.request().header("X-Stack-Id"));
        call.about(test.id(), run.id());
        return SimResponse.json(200, V2Json.envelope("k6-run", runJson(run, call, true)));
    }

    /** {@code GET /loadtests/v2/runs/{id}[?$select=...]}: 200 {@code {"k6-run":{...}}}. */
    private SimResponse readRun(SimRun run, RouteCall call) {
        return SimResponse.json(
                200,
                V2Json.envelope("k6-run", V2Json.selected(runJson(run, call, false), V2Json.select(call.request()))));
    }

    private JsonObject runJson(SimRun run, RouteCall call, boolean started) {
        return V2Json.run(run, run.stateAt(call.now()), started, core.webAppUrl());
    }

    /**
     * {@code GET /loadtests/v2/runs} with {@code test_id}, {@code $select}, {@code page}, {@code page_size} and
     * {@code order_by} (id, created, started; "-" for descending; ignored, after it is checked, with
     * {@code ignoreOrderBy}). {@code meta.count} is the total before paging.
     */
    private SimResponse listRuns(RouteCall call) {
        SimRequest req = call.request();
        Long testId = longParam(req, "test_id");
        V2Json.Page page = V2Json.Page.of(req);
        Comparator<SimRun> order = runOrder(req.param("order_by"));
        call.about(testId, null);
        List<SimRun> matching = new ArrayList<>(testId != null ? core.store.runsOf(testId) : core.store.runs());
        if (order != null && !core.ignoreOrderBy) {
            matching.sort(order);
        }
        Set<String> select = V2Json.select(req);
        JsonArray out = new JsonArray();
        long from = Math.min(page.offset(), matching.size());
        long to = Math.min(from + page.size(), matching.size());
        for (SimRun r : matching.subList((int) from, (int) to)) {
            out.add(V2Json.selected(runJson(r, call, false), select));
        }
        JsonObject body = V2Json.envelope("k6-runs", out);
        body.add("meta", V2Json.meta(matching.size()));
        return SimResponse.json(200, body);
    }

    private static Long longParam(SimRequest req, String name) {
        String v = req.param(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number, not \"" + v + "\".");
        }
    }

    private static Comparator<SimRun> runOrder(String orderBy) {
        if (orderBy == null || orderBy.isBlank()) {
            return null;
        }
        boolean desc = orderBy.startsWith("-");
        Comparator<SimRun> c =
                switch (desc ? orderBy.substring(1) : orderBy) {
                    case "id" -> Comparator.comparingLong(SimRun::id);
                    case "created", "started" ->
                        Comparator.comparing(SimRun::created).thenComparingLong(SimRun::id);
                    default ->
                        throw new BadRequestException("order_by must be id, created or started (\"-\" for"
                                + " descending), not \"" + orderBy + "\".");
                };
        return desc ? c.reversed() : c;
    }

    /** A stop of a run that has ended: the configured {@link EndedRunStopReply}. */
    private SimResponse stopEnded(SimRun run, RouteCall call) {
        return switch (core.endedRunStopReply()) {
            case OK_200 -> SimResponse.json(200, V2Json.envelope("k6-run", runJson(run, call, false)));
            case CONFLICT_409 -> V2Errors.error(409, V2Errors.NOT_ALLOWED, "Test run is not running.");
            default -> V2Errors.error(400, V2Errors.VALIDATION, "Test run is not running.");
        };
    }

    /**
     * {@code GET /loadtests/v2/thresholds?test_run_id=}: {@code {"k6-metrics":[...],"k6-thresholds":[...]}}.
     * Values and {@code tainted} are final once processing finished (for an abort by threshold, once
     * it ended); before that {@code calculated_value} is null and nothing is tainted.
     */
    private SimResponse thresholds(RouteCall call) {
        Long runId = longParam(call.request(), "test_run_id");
        if (runId == null) {
            throw new BadRequestException("test_run_id is required, e.g. /loadtests/v2/thresholds?test_run_id=123.");
        }
        SimRun run = core.store.run(runId);
        call.about(run == null ? null : run.test().id(), runId);
        if (run == null) {
            return V2Errors.notFound();
        }
        RunState st = run.stateAt(call.now());
        boolean odd = run.scenario().outcome() == Outcome.ODD_PAYLOADS;
        JsonArray metrics = new JsonArray();
        JsonArray thresholds = new JsonArray();
        List<ThresholdSpec> specs = run.scenario().thresholds();
        for (int i = 0; i < specs.size(); i++) {
            ThresholdSpec t = specs.get(i);
            long id = run.id() * 100 + i + 1;
            String metricId = "threshold_" + id;
            JsonObject m = new JsonObject();
            m.addProperty("id", metricId);
            m.addProperty("name", t.metric());
            m.addProperty("type", t.metricType());
            m.addProperty("contains", "default");
            m.addProperty("project_id", RunStore.PROJECT_ID);
            m.addProperty("test_run_id", run.id());
            metrics.add(m);

            boolean tainted = st.thresholdsFinal() && t.tainted();
            JsonObject calc = new JsonObject();
            calc.addProperty("max_created_at", SimDates.spaceOffset(st.ended()));
            calc.addProperty("max_time", SimDates.spaceOffset(st.ended()));
            calc.addProperty("min_time", SimDates.spaceOffset(st.started()));
            calc.add("tainted_value", tainted ? number(t.calculatedValue(), odd) : JsonNull.INSTANCE);
            JsonObject o = new JsonObject();
            o.add("calc_state", calc);
            o.add("calculated_value", st.thresholdsFinal() ? number(t.calculatedValue(), odd) : JsonNull.INSTANCE);
            o.addProperty("id", id);
            o.addProperty("metric_id", metricId);
            o.addProperty("name", t.name());
            o.addProperty("stat", t.stat());
            o.addProperty("tainted", tainted);
            o.addProperty("tainted_at", tainted ? SimDates.zoneless(st.ended()) : null);
            o.addProperty("testrun_id", run.id());
            o.add("value", number(t.limit(), odd));
            thresholds.add(o);
        }
        JsonObject body = V2Json.envelope("k6-metrics", metrics);
        body.add("k6-thresholds", thresholds);
        return SimResponse.json(200, body);
    }

    private static JsonElement number(double v, boolean asString) {
        return asString ? new JsonPrimitive(Double.toString(v)) : new JsonPrimitive(v);
    }

    private JsonObject testJson(LoadTestSpec t) {
        JsonObject o = new JsonObject();
        o.addProperty("id", t.id());
        o.addProperty("project_id", RunStore.PROJECT_ID);
        o.addProperty("user_id", RunStore.USER_ID);
        o.addProperty("name", t.name());
        o.addProperty("created", SimDates.zoneless(t.created()));
        o.addProperty("updated", SimDates.zoneless(t.created()));
        JsonArray runIds = new JsonArray();
        Long last = null;
        for (SimRun r : core.store.runsOf(t.id())) {
            runIds.add(r.id());
            last = r.id();
        }
        o.addProperty("last_test_run_id", last == null ? null : last.toString());
        o.add("test_run_ids", runIds);
        o.addProperty("script", "");
        return o;
    }

    /** {@code GET /v3/organizations}: the cheap authenticated call used to check a token. */
    private static SimResponse organizations() {
        return SimResponse.json(200, """
                {"organizations": [{"id": %d, "name": "Simulated organization", "owner_id": %d, "description": "",
                "billing_address": "", "billing_country": "", "billing_email": "billing@example.com", "vat_number": "",
                "created": "2020-08-13T18:28:45Z", "updated": "2020-08-13T18:28:45Z", "is_default": true}]}""".formatted(RunStore.ORGANIZATION_ID, RunStore.USER_ID));
    }

    /** {@code GET /app/runs/{id}}: a one-line HTML page standing in for the k6 web app (no token needed). */
    private SimResponse webAppRunPage(RouteCall call) {
        long runId = call.pathId(1);
        SimRun run = core.store.run(runId);
        call.about(run == null ? null : run.test().id(), runId);
        if (run == null) {
            return SimResponse.text(404, "text/html; charset=utf-8", "<html><body>No run " + runId + "</body></html>");
        }
        RunState st = run.stateAt(call.now());
        String line = "k6 Cloud simulator: run " + runId + " of load test \""
                + run.test()
                        .name()
                        .replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;")
                + "\" (scenario " + run.scenario().name() + "): run_status " + st.runStatus() + ", processing_status "
                + st.processingStatus() + ", result_status " + st.resultStatus();
        return SimResponse.text(200, "text/html; charset=utf-8", "<html><body>" + line + "</body></html>");
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    @Override
    public AuthResult authenticate(SimRequest request) {
        return SimFlavour.checkAuthorization(request, "Token", core.tokens);
    }

    @Override
    public SimResponse unauthorized(AuthResult result) {
        if (result == AuthResult.MISSING) {
            return V2Errors.error(401, V2Errors.NOT_AUTHENTICATED, "Authentication credentials were not provided.");
        }
        return V2Errors.error(401, V2Errors.AUTHENTICATION_FAILED, "Invalid token.");
    }

    @Override
    public SimResponse notFound() {
        return V2Errors.notFound();
    }

    @Override
    public SimResponse methodNotAllowed() {
        return V2Errors.error(405, V2Errors.METHOD_NOT_ALLOWED, "Method not allowed.");
    }

    @Override
    public SimResponse rateLimited(Duration retryAfter) {
        long seconds = SimFlavour.retryAfterSeconds(retryAfter);
        JsonObject error = new JsonObject();
        error.addProperty("message", "Request was throttled. Expected available in " + seconds + " seconds.");
        error.addProperty("code", V2Errors.UNKNOWN);
        return SimResponse.json(429, V2Json.envelope("error", error)).withHeader("Retry-After", Long.toString(seconds));
    }

    @Override
    public SimResponse badRequest(String message) {
        return V2Errors.error(400, V2Errors.VALIDATION, message);
    }

    @Override
    public SimResponse internalError(String message) {
        return V2Errors.error(500, V2Errors.GENERAL, message);
    }
}
