package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /loadtests/v2/runs} with {@code test_id}, {@code ids[]}, {@code public_id},
 * {@code $select}, {@code page}, {@code page_size} and {@code order_by} (id, created, started;
 * "-" for descending; default ascending id; ignored, after it is checked, when the simulator is
 * built with {@code ignoreOrderBy}). {@code meta.count} is the total before paging.
 */
final class V2ListRunsRoute extends AbstractRoute {
    private final SimCore core;

    V2ListRunsRoute(SimCore core) {
        super(Endpoint.LIST, "GET", "/loadtests/v2/runs/?");
        this.core = core;
    }

    @Override
    public SimResponse handle(RouteCall call) {
        SimRequest req = call.request();
        Long testId = longParam(req, "test_id");
        Set<Long> ids = idsParam(req);
        String publicId = req.param("public_id");
        V2Json.Page page = V2Json.Page.of(req);
        Comparator<SimRun> order = order(req.param("order_by"));
        call.about(testId, ids.size() == 1 ? ids.iterator().next() : null);

        Collection<SimRun> candidates = testId != null ? core.store.runsOf(testId) : core.store.runs();
        List<SimRun> matching = new ArrayList<>();
        for (SimRun r : candidates) {
            if ((ids.isEmpty() || ids.contains(r.id())) && (publicId == null || publicId.equals(r.publicId()))) {
                matching.add(r);
            }
        }
        if (order != null && !core.ignoreOrderBy) {
            matching.sort(order);
        }
        Set<String> select = V2Json.select(req);
        JsonArray out = new JsonArray();
        long from = Math.min(page.offset(), matching.size());
        long to = Math.min(from + page.size(), matching.size());
        for (SimRun r : matching.subList((int) from, (int) to)) {
            out.add(V2Json.selected(V2Json.run(r, r.stateAt(call.now()), false, core.webAppUrl()), select));
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

    private static Set<Long> idsParam(SimRequest req) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String v : req.params("ids[]")) {
            try {
                ids.add(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                throw new BadRequestException("ids[] must be whole numbers, not \"" + v + "\".");
            }
        }
        return ids;
    }

    private static Comparator<SimRun> order(String orderBy) {
        if (orderBy == null || orderBy.isBlank()) {
            return null;
        }
        boolean desc = orderBy.startsWith("-");
        String field = desc ? orderBy.substring(1) : orderBy;
        Comparator<SimRun> c;
        switch (field) {
            case "id":
                c = Comparator.comparingLong(SimRun::id);
                break;
            case "created":
            case "started":
                c = Comparator.comparing(SimRun::created).thenComparingLong(SimRun::id);
                break;
            default:
                throw new BadRequestException(
                        "order_by must be id, created or started (\"-\" for descending), not \"" + orderBy + "\".");
        }
        return desc ? c.reversed() : c;
    }
}
