package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Renders the shared run state in v6 shapes ({@code TestRunApiModel}, {@code LoadTestApiModel}).
 * The v6 status is a mapping of the v2 codes: -2/-1 created, 0 queued, 1 initializing, 2 running,
 * 3 processing_metrics until processed then completed, 4..10 aborted (v6 has no other end states),
 * anything else {@link #UNKNOWN_STATUS}. The result: null until the end (and while metrics are
 * processed), completed runs passed/failed (error when processing failed), aborted by threshold
 * failed, every other abort error.
 */
final class V6Json {
    /** The v6 status an {@link Outcome#UNKNOWN_STATUS} run shows while it runs. */
    static final String UNKNOWN_STATUS = "warming_up";

    static final String STARTED_BY = "ci-bot@example.com";
    static final String WEB_APP_USER = "someone@example.com";

    private static final DateTimeFormatter ZONELESS_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private V6Json() {}

    /** The v6 status of a run with these v2 codes. */
    static String status(int runStatus, int processingStatus) {
        return switch (runStatus) {
            case -2, -1 -> "created";
            case 0 -> "queued";
            case 1 -> "initializing";
            case 2 -> "running";
            case 3 -> processingStatus == 2 || processingStatus == 3 ? "completed" : "processing_metrics";
            default -> runStatus >= 4 && runStatus <= 10 ? "aborted" : UNKNOWN_STATUS;
        };
    }

    /** A {@code TestRunApiModel}, plus {@code detailsPageUrl} in the start answer ({@code StartLoadTestResponse}). */
    static JsonObject run(SimRun run, RunState st, Instant now, String detailsPageUrl) {
        String status = status(st.runStatus(), st.processingStatus());
        String result = result(run, st, status);
        JsonObject extra = "aborted".equals(status) ? extra(run, st) : null;
        JsonObject o = new JsonObject();
        if (run.scenario().outcome() == Outcome.ODD_PAYLOADS) {
            o.addProperty("id", Long.toString(run.id()));
            o.addProperty("created", ZONELESS_MILLIS.format(run.created()));
        } else {
            o.addProperty("id", run.id());
            o.addProperty("created", SimDates.zulu(run.created()));
        }
        o.addProperty("test_id", run.test().id());
        o.addProperty("project_id", RunStore.PROJECT_ID);
        o.addProperty("started_by", STARTED_BY);
        o.addProperty("ended", SimDates.zulu(st.ended()));
        o.addProperty("note", run.note());
        o.addProperty(
                "retention_expiry",
                SimDates.zulu(st.ended() == null ? null : st.ended().plus(Duration.ofDays(30))));
        o.add("cost", JsonNull.INSTANCE);
        o.addProperty("status", status);
        List<Transition> history = run.plan().transitionsUntil(now);
        o.add(
                "status_details",
                statusEntry(status, history.get(history.size() - 1).at(), extra));
        o.add("status_history", history(history, extra));
        JsonArray distribution = new JsonArray();
        JsonObject zone = new JsonObject();
        zone.addProperty("load_zone", "amazon:us:ashburn");
        zone.addProperty("percent", 100);
        distribution.add(zone);
        o.add("distribution", distribution);
        o.addProperty("result", result);
        o.add("result_details", resultDetails(result, run, st));
        o.add("options", JsonNull.INSTANCE);
        o.add("k6_dependencies", new JsonObject());
        JsonObject versions = new JsonObject();
        versions.addProperty("k6", "v0.56.0");
        o.add("k6_versions", versions);
        o.addProperty("max_vus", run.scenario().vus());
        o.addProperty("max_browser_vus", 0);
        o.addProperty("estimated_duration", run.scenario().durationSeconds());
        o.addProperty("execution_duration", executionSeconds(st, now));
        o.addProperty("is_starred", false);
        if (detailsPageUrl != null) {
            o.addProperty("test_run_details_page_url", detailsPageUrl);
        }
        return o;
    }

    private static String result(SimRun run, RunState st, String status) {
        return switch (status) {
            case "completed" -> st.processingStatus() == 3 ? "error" : st.resultStatus() == 1 ? "failed" : "passed";
            case "aborted" -> st.runStatus() == 8 && !run.plan().endedByStop() ? "failed" : "error";
            default -> null;
        };
    }

    private static JsonElement resultDetails(String result, SimRun run, RunState st) {
        if (result == null) {
            return JsonNull.INSTANCE;
        }
        JsonObject o = new JsonObject();
        o.addProperty("type", result);
        o.addProperty("message", "error".equals(result) ? errorMessage(run, st) : null);
        o.addProperty("code", "error".equals(result) ? st.errorCode() : null);
        return o;
    }

    /** What an error result says: the run's error detail, or a word on why it has no result. */
    private static String errorMessage(SimRun run, RunState st) {
        if (st.errorDetail() != null || run.plan().endedByStop()) {
            return st.errorDetail();
        }
        return switch (run.scenario().outcome()) {
            case PROCESSING_ERROR -> "Metrics processing failed.";
            case ARCHIVED -> "The run was archived (an upload-only run): it has no test result.";
            case TIMED_OUT -> "The test run timed out.";
            default -> null;
        };
    }

    /** {@code status_details.extra} of an aborted run: who aborted it, and the error. */
    private static JsonObject extra(SimRun run, RunState st) {
        String byUser = null;
        if (run.plan().endedByStop()) {
            byUser = STARTED_BY;
        } else if (run.scenario().outcome() == Outcome.STOPPED_IN_WEB_APP) {
            byUser = WEB_APP_USER;
        }
        JsonObject extra = new JsonObject();
        extra.addProperty("by_user", byUser);
        extra.addProperty("message", byUser == null && st.runStatus() != 8 ? errorMessage(run, st) : null);
        extra.addProperty("code", byUser == null ? st.errorCode() : null);
        return extra;
    }

    private static JsonObject statusEntry(String type, Instant entered, JsonObject extra) {
        JsonObject o = new JsonObject();
        o.addProperty("type", type);
        o.addProperty("entered", SimDates.microsZulu(entered));
        o.add("extra", extra == null ? JsonNull.INSTANCE : extra);
        return o;
    }

    /** One entry per v6 status the run went through (v2's created and validated are both "created"). */
    private static JsonArray history(List<Transition> transitions, JsonObject extra) {
        JsonArray out = new JsonArray();
        String last = null;
        for (Transition t : transitions) {
            String type = status(t.runStatus(), t.processingStatus());
            if (!type.equals(last)) {
                out.add(statusEntry(type, t.at(), "aborted".equals(type) ? extra : null));
                last = type;
            }
        }
        return out;
    }

    private static long executionSeconds(RunState st, Instant now) {
        if (st.started() == null) {
            return 0;
        }
        Instant end = st.ended() == null ? now : st.ended();
        return Math.max(0, Duration.between(st.started(), end).getSeconds());
    }

    /** A {@code LoadTestApiModel}. */
    static JsonObject loadTest(LoadTestSpec t) {
        JsonObject o = new JsonObject();
        o.addProperty("id", t.id());
        o.addProperty("project_id", RunStore.PROJECT_ID);
        o.addProperty("name", t.name());
        o.add("baseline_test_run_id", JsonNull.INSTANCE);
        o.addProperty("created", ZONELESS_MILLIS.format(t.created().truncatedTo(ChronoUnit.MILLIS)));
        o.addProperty("updated", ZONELESS_MILLIS.format(t.created().truncatedTo(ChronoUnit.MILLIS)));
        return o;
    }

    /**
     * One page of a v6 list: {@code {"value":[...], "@count"?, "@nextLink"?}}. {@code $top} is 1..1000
     * (default 1000), {@code $skip} 0 or more; {@code @nextLink} is there while more items follow.
     */
    static JsonObject page(SimCore core, SimRequest req, List<JsonObject> all) {
        int top = intParam(req, "$top", 1000, 1);
        if (top > 1000) {
            throw new BadRequestException("$top must be at most 1000, not " + top + ".");
        }
        int skip = intParam(req, "$skip", 0, 0);
        JsonArray value = new JsonArray();
        int from = Math.min(skip, all.size());
        int to = Math.min(from + top, all.size());
        all.subList(from, to).forEach(value::add);
        JsonObject body = new JsonObject();
        body.add("value", value);
        if ("true".equalsIgnoreCase(req.param("$count"))) {
            body.addProperty("@count", all.size());
        }
        if (to < all.size()) {
            StringBuilder next = new StringBuilder(core.baseUrl())
                    .append(req.path())
                    .append("?$skip=")
                    .append(to)
                    .append("&$top=")
                    .append(top);
            String orderBy = req.param("$orderby");
            if (orderBy != null) {
                next.append("&$orderby=").append(orderBy.replace(" ", "%20"));
            }
            String createdAfter = req.param("created_after");
            if (createdAfter != null) {
                next.append("&created_after=")
                        .append(java.net.URLEncoder.encode(createdAfter, java.nio.charset.StandardCharsets.UTF_8));
            }
            body.addProperty("@nextLink", next.toString());
        }
        return body;
    }

    private static int intParam(SimRequest req, String name, int dflt, int min) {
        String v = req.param(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException(name + " must be a whole number of at least " + min + ", not \"" + v + "\".");
    }
}
