package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Renders v2 run objects, applies {@code $select}, and reads v2 paging parameters. */
final class V2Json {
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 1000;

    private V2Json() {}

    /**
     * A full v2 run object.
     *
     * @param startForm the start response's shape: "Z" dates and without the read-only extras
     */
    static JsonObject run(SimRun run, RunState st, boolean startForm, String webAppUrl) {
        Function<Instant, String> date = startForm ? SimDates::zulu : SimDates::zoneless;
        JsonObject o = new JsonObject();
        o.add("config", new JsonObject());
        o.addProperty("created", date.apply(run.created()));
        o.addProperty("duration", run.scenario().durationSeconds());
        o.addProperty("ended", date.apply(st.ended()));
        o.addProperty("error_code", st.errorCode());
        o.addProperty("error_detail", st.errorDetail());
        if (!startForm) {
            o.add("export", JsonNull.INSTANCE);
        }
        o.addProperty("id", run.id());
        if (!startForm) {
            o.addProperty("is_baseline", false);
        }
        o.add("k6_archive", JsonNull.INSTANCE);
        o.addProperty("load_time", st.ended() == null ? null : 182.4);
        o.addProperty("note", "");
        o.addProperty("organization_id", RunStore.ORGANIZATION_ID);
        o.addProperty("processing_status", st.processingStatus());
        o.addProperty("project_id", RunStore.PROJECT_ID);
        o.add("public_id", JsonNull.INSTANCE);
        if (!startForm) {
            o.add("request_builder_config", JsonNull.INSTANCE);
        }
        o.addProperty("result_status", st.resultStatus());
        o.addProperty("run_process", "k6 Cloud");
        o.addProperty("run_status", st.runStatus());
        o.addProperty("script", "");
        o.addProperty("started", date.apply(st.started()));
        o.addProperty("stopped_by_id", stoppedBy(run, st));
        o.addProperty("test_id", run.test().id());
        o.addProperty("user_id", RunStore.USER_ID);
        o.addProperty("version", 2);
        o.addProperty("vus", run.scenario().vus());
        if (!startForm) {
            o.addProperty("vus_per_instance", 0);
        }
        if (run.scenario().outcome() == Outcome.ODD_PAYLOADS) {
            V2OddPayloads.apply(o, run, st, webAppUrl);
        }
        return o;
    }

    private static Long stoppedBy(SimRun run, RunState st) {
        if (st.ended() == null) {
            return null;
        }
        if (run.plan().endedByStop()) {
            return RunStore.USER_ID;
        }
        return run.scenario().outcome() == Outcome.STOPPED_IN_WEB_APP ? RunStore.WEB_APP_USER_ID : null;
    }

    /** The {@code $select} field names (all {@code $select} parameters, comma-separated, trimmed); empty for all. */
    static Set<String> select(SimRequest req) {
        Set<String> fields = new LinkedHashSet<>();
        for (String v : req.params("$select")) {
            Arrays.stream(v.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .forEach(fields::add);
        }
        return fields;
    }

    /** Only the selected keys of {@code full}, in its order; unknown names are ignored; all when none selected. */
    static JsonObject selected(JsonObject full, Set<String> select) {
        if (select.isEmpty()) {
            return full;
        }
        JsonObject o = new JsonObject();
        for (Map.Entry<String, JsonElement> e : full.entrySet()) {
            if (select.contains(e.getKey())) {
                o.add(e.getKey(), e.getValue());
            }
        }
        return o;
    }

    static JsonObject envelope(String key, JsonElement value) {
        JsonObject o = new JsonObject();
        o.add(key, value);
        return o;
    }

    static JsonObject meta(long count) {
        JsonObject meta = new JsonObject();
        meta.addProperty("count", count);
        return meta;
    }

    /** {@code page} (from 1) and {@code page_size} (1..1000, default 20). */
    record Page(int page, int size) {
        static Page of(SimRequest req) {
            int page = positive(req, "page", 1);
            int size = Math.min(positive(req, "page_size", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
            return new Page(page, size);
        }

        long offset() {
            return (long) (page - 1) * size;
        }

        private static int positive(SimRequest req, String name, int dflt) {
            String v = req.param(name);
            if (v == null || v.isEmpty()) {
                return dflt;
            }
            try {
                int n = Integer.parseInt(v.strip());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new BadRequestException(name + " must be a whole number of at least 1, not \"" + v + "\".");
        }
    }
}
