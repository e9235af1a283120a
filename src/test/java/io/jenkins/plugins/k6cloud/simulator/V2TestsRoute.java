package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /loadtests/v2/tests} (paged, {@code $select}, optional {@code project_id}) with
 * {@code "k6-tests"} and {@code meta.count}.
 */
final class V2TestsRoute extends AbstractRoute {
    private final SimCore core;

    V2TestsRoute(SimCore core) {
        super(Endpoint.TESTS, "GET", "/loadtests/v2/tests/?");
        this.core = core;
    }

    @Override
    public SimResponse handle(RouteCall call) {
        SimRequest req = call.request();
        V2Json.Page page = V2Json.Page.of(req);
        Set<String> select = V2Json.select(req);
        String project = req.param("project_id");
        List<LoadTestSpec> tests = core.store.tests();
        if (project != null && !project.strip().equals(Long.toString(RunStore.PROJECT_ID))) {
            tests = List.of();
        }
        JsonArray out = new JsonArray();
        int from = (int) Math.min(page.offset(), tests.size());
        int to = Math.min(from + page.size(), tests.size());
        for (LoadTestSpec t : tests.subList(from, to)) {
            out.add(V2Json.selected(json(core, t), select));
        }
        JsonObject body = V2Json.envelope("k6-runs", new JsonArray());
        body.add("k6-tests", out);
        body.add("load_zones", new JsonArray());
        body.add("meta", V2Json.meta(tests.size()));
        return SimResponse.json(200, body);
    }

    static JsonObject json(SimCore core, LoadTestSpec t) {
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
}
