package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;

/**
 * {@code GET /cloud/v6/load_tests/{id}/test_runs} and {@code GET /cloud/v6/test_runs}, paged with
 * {@code $top}/{@code $skip}/{@code @nextLink}, ordered by {@code $orderby} ({@code created} or
 * {@code id}, optionally {@code asc}/{@code desc}; default ascending id), filtered by
 * {@code created_after} (runs created at or after it). An unknown load test is 404.
 */
final class V6ListRunsRoute extends AbstractRoute {
    private final SimCore core;

    V6ListRunsRoute(SimCore core) {
        super(Endpoint.LIST, "GET", "/cloud/v6/(?:load_tests/(\\d+)/)?test_runs/?");
        this.core = core;
    }

    @Override
    public SimResponse handle(RouteCall call) {
        Matcher m = path().matcher(call.request().path());
        Long testId = m.matches() && m.group(1) != null ? call.pathId(1) : null;
        call.about(testId, null);
        if (testId != null && core.store.test(testId) == null) {
            return V6Errors.notFound();
        }
        Collection<SimRun> candidates = testId != null ? core.store.runsOf(testId) : core.store.runs();
        List<SimRun> runs = new ArrayList<>(candidates);
        Instant after = createdAfter(call.request().param("created_after"));
        runs.removeIf(r -> after != null && r.created().isBefore(after));
        runs.sort(order(call.request().param("$orderby")));
        List<JsonObject> all = new ArrayList<>();
        for (SimRun r : runs) {
            all.add(V6Json.run(r, r.stateAt(call.now()), call.now(), null));
        }
        return SimResponse.json(200, V6Json.page(core, call.request(), all));
    }

    private static Instant createdAfter(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException("created_after must be an ISO 8601 date-time, not \"" + text + "\".");
        }
    }

    private static Comparator<SimRun> order(String orderBy) {
        if (orderBy == null || orderBy.isBlank()) {
            return Comparator.comparingLong(SimRun::id);
        }
        String[] parts = orderBy.strip().split("\\s+");
        boolean desc = parts.length == 2 && parts[1].equalsIgnoreCase("desc");
        if (parts.length > 2 || (parts.length == 2 && !desc && !parts[1].equalsIgnoreCase("asc"))) {
            throw new BadRequestException("$orderby must be a field and asc or desc, not \"" + orderBy + "\".");
        }
        Comparator<SimRun> c;
        switch (parts[0]) {
            case "id":
                c = Comparator.comparingLong(SimRun::id);
                break;
            case "created":
                c = Comparator.comparing(SimRun::created).thenComparingLong(SimRun::id);
                break;
            default:
                throw new BadRequestException("$orderby must order by id or created, not \"" + orderBy + "\".");
        }
        return desc ? c.reversed() : c;
    }
}
