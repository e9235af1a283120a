package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /cloud/v6/load_tests}: every load test, paged with {@code $top}/{@code $skip}/{@code @nextLink}. */
final class V6LoadTestsRoute extends AbstractRoute {
    private final SimCore core;

    V6LoadTestsRoute(SimCore core) {
        super(Endpoint.TESTS, "GET", "/cloud/v6/load_tests/?");
        this.core = core;
    }

    @Override
    public SimResponse handle(RouteCall call) {
        List<JsonObject> all = new ArrayList<>();
        for (LoadTestSpec t : core.store.tests()) {
            all.add(V6Json.loadTest(t));
        }
        return SimResponse.json(200, V6Json.page(core, call.request(), all));
    }
}
