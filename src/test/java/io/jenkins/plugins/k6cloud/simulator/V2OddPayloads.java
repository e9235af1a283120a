package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * Makes a v2 run object as awkward as the docs allow ({@link Outcome#ODD_PAYLOADS}): ids and statuses as numeric
 * strings, nulls where values are expected, missing and extra fields, and other date forms.
 */
final class V2OddPayloads {
    private V2OddPayloads() {}

    static void apply(JsonObject o, SimRun run, RunState st, String webAppUrl) {
        o.addProperty("id", Long.toString(run.id()));
        o.addProperty("test_id", Long.toString(run.test().id()));
        o.addProperty("run_status", Integer.toString(st.runStatus()));
        o.addProperty("result_status", Integer.toString(st.resultStatus()));
        o.addProperty("version", "2");
        o.remove("vus");
        o.remove("duration");
        o.add("note", JsonNull.INSTANCE);
        o.add("config", JsonNull.INSTANCE);
        o.addProperty("error_code", 0);
        o.addProperty("public_id", 0);
        o.addProperty("created", SimDates.spaceOffset(run.created()));
        o.addProperty("started", SimDates.microsZulu(st.started()));
        o.addProperty("ended", SimDates.zulu(st.ended()));
        o.addProperty("load_time", st.ended() == null ? null : "182.4");
        o.addProperty("vuh_cost", "12.5");
        JsonObject runtime = new JsonObject();
        runtime.addProperty("testRunDetails", webAppUrl + "/runs/" + run.id());
        o.add("k6_runtime_config", runtime);
        JsonArray zone = new JsonArray();
        zone.add("amazon:us:ashburn");
        zone.add(100);
        JsonArray distribution = new JsonArray();
        distribution.add(zone);
        o.add("distribution", distribution);
    }
}
