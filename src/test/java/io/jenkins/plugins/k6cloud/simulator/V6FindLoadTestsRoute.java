package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /cloud/v6/projects/{id}/load_tests[?name=]}: the load tests of the project, paged, only
 * the one named exactly {@code name} when it is given; 404 for another project.
 */
final class V6FindLoadTestsRoute extends AbstractRoute {
    private final SimCore core;

    V6FindLoadTestsRoute(SimCore core) {
        super(Endpoint.FIND_TEST, "GET", "/cloud/v6/projects/(\\d+)/load_tests/?");
        this.core = core;
    }

    @Override
    public SimResponse handle(RouteCall call) {
        if (call.pathId(1) != RunStore.PROJECT_ID) {
            return V6Errors.notFound();
        }
        String name = call.request().param("name");
        List<JsonObject> all = new ArrayList<>();
        for (LoadTestSpec t : core.store.tests()) {
            if (name == null || name.equals(t.name())) {
                all.add(V6Json.loadTest(t));
            }
        }
        if (name != null && all.size() == 1) {
            call.about(all.get(0).get("id").getAsLong(), null);
        }
        return SimResponse.json(200, V6Json.page(core, call.request(), all));
    }
}
