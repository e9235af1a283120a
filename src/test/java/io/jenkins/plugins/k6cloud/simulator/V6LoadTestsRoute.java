package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** {@code GET /cloud/v6/load_tests}: every load test, paged with {@code $top}/{@code $skip}/{@code @nextLink}. */
final class V6LoadTestsRoute implements Route {
    private static final Pattern PATH = Pattern.compile("/cloud/v6/load_tests/?");
    private final SimCore core;

    V6LoadTestsRoute(SimCore core) {
        this.core = core;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.TESTS;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public Pattern path() {
        return PATH;
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
