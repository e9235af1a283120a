package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;

/**
 * {@code GET /loadtests/v2/thresholds?test_run_id=}: {@code {"k6-metrics":[...],"k6-thresholds":[...]}}.
 * Values and {@code tainted} are final once processing finished (for an abort by threshold, once
 * it ended); before that {@code calculated_value} is null and nothing is tainted.
 */
final class V2ThresholdsRoute extends AbstractRoute {
    private final SimCore core;

    V2ThresholdsRoute(SimCore core) {
        super(Endpoint.THRESHOLDS, "GET", "/loadtests/v2/thresholds/?");
        this.core = core;
    }

    @Override
    public SimResponse handle(RouteCall call) {
        String v = call.request().param("test_run_id");
        if (v == null || v.isBlank()) {
            throw new BadRequestException("test_run_id is required, e.g. /loadtests/v2/thresholds?test_run_id=123.");
        }
        long runId;
        try {
            runId = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException("test_run_id must be a whole number, not \"" + v + "\".");
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
}
