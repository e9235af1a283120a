package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Instant;
import java.util.List;

/**
 * The metrics payloads of {@link MetricsFlavour}, shaped as Grafana's CI action reads them
 * ({@code grafana/run-k6-action}, {@code src/types.ts}). The figures are made up but stable: they
 * follow the scenario's thresholds (a {@code http_req_duration} p95 threshold gives the p95, a
 * {@code http_req_failed} one the failure rate) and change a little from run to run of one load test,
 * so that trends and comparisons have something to show. k6's baseline is the first run of the load
 * test (none for the first run itself). Until processing is over every section is {@code null}.
 * {@link Outcome#ODD_PAYLOADS} answers numbers as strings, drops sections and fields, and adds nulls.
 */
final class MetricsJson {
    private MetricsJson() {}

    static JsonObject resultSummary(SimCore core, SimRun run, Instant now) {
        JsonObject body = new JsonObject();
        body.add("metrics_summary", summary(run, now));
        SimRun first = core.store.runsOf(run.test().id()).iterator().next();
        if (first.id() == run.id()) {
            body.add("baseline_test_run_details", JsonNull.INSTANCE);
        } else {
            JsonObject baseline = new JsonObject();
            baseline.addProperty("id", first.id());
            baseline.add("metrics_summary", summary(first, now));
            body.add("baseline_test_run_details", baseline);
        }
        return body;
    }

    static JsonObject checks(SimRun run, Instant now) {
        JsonArray value = new JsonArray();
        if (run.stateAt(now).isProcessed()) {
            Figures f = figures(run);
            value.add(check("status is 200", f.requests - f.failures, f.failures, f.odd));
            value.add(check("body has items", f.requests, 0, f.odd));
            if (f.odd) {
                JsonObject unnamed = new JsonObject(); // skipped by the plugin
                unnamed.add("name", JsonNull.INSTANCE);
                value.add(unnamed);
                JsonObject noSummary = new JsonObject();
                noSummary.addProperty("name", "no summary yet");
                noSummary.add("metric_summary", JsonNull.INSTANCE);
                value.add(noSummary);
            }
        }
        JsonObject body = new JsonObject();
        body.add("value", value);
        return body;
    }

    /** The numbers of one run. */
    private record Figures(long requests, long failures, double p95, double rpsMean, boolean odd) {}

    /** The figures of {@code run}: from its thresholds where they say, else varying with its id. */
    static Figures figures(SimRun run) {
        long nth = run.id() % 5;
        Scenario s = run.scenario();
        long requests = Math.max(1, (long) s.vus() * s.durationSeconds() * 4);
        double failureRate = 0.002 * (nth + 1);
        double p95 = 300 + 12 * nth;
        for (ThresholdSpec t : s.thresholds()) {
            if (t.name().startsWith("http_req_duration") && "p(95)".equals(t.stat())) {
                p95 = t.calculatedValue();
            } else if (t.name().startsWith("http_req_failed")) {
                failureRate = t.calculatedValue();
            }
        }
        return new Figures(
                requests,
                Math.round(requests * failureRate),
                p95,
                (double) requests / Math.max(1, s.durationSeconds()),
                s.outcome() == Outcome.ODD_PAYLOADS);
    }

    private static JsonObject summary(SimRun run, Instant now) {
        JsonObject m = new JsonObject();
        RunState st = run.stateAt(now);
        Figures f = figures(run);
        boolean ready = st.isProcessed();
        JsonObject http = null;
        JsonObject checks = null;
        JsonObject thresholds = null;
        if (ready) {
            http = new JsonObject();
            http.add("requests_count", number(f.requests, f.odd));
            http.add("failures_count", number(f.failures, f.odd));
            http.add("rps_mean", number(f.rpsMean, f.odd));
            http.add("rps_max", number(Math.round(f.rpsMean * 1.5), f.odd));
            http.add("duration_median", number(f.p95 * 0.6, f.odd));
            if (f.odd) {
                http.add("duration", JsonNull.INSTANCE);
                http.addProperty("unexpected_field", "ignored");
            } else {
                JsonObject d = new JsonObject();
                d.addProperty("count", f.requests);
                d.addProperty("min", 21.5);
                d.addProperty("mean", f.p95 * 0.65);
                d.addProperty("max", f.p95 * 2.1);
                d.addProperty("p95", f.p95);
                d.addProperty("p99", f.p95 * 1.4);
                d.addProperty("stdev", f.p95 * 0.2);
                http.add("duration", d);
            }
            checks = new JsonObject();
            checks.add("total", number(2, f.odd));
            checks.add("successes", number(f.failures == 0 ? 2 : 1, f.odd));
            checks.add("hits_total", number(f.requests * 2, f.odd));
            checks.add("hits_successes", number(f.requests * 2 - f.failures, f.odd));
            List<ThresholdSpec> specs = run.scenario().thresholds();
            thresholds = new JsonObject();
            thresholds.add("total", number(specs.size(), f.odd));
            thresholds.add(
                    "successes", number(specs.stream().filter(t -> !t.tainted()).count(), f.odd));
        }
        m.add("http_metric_summary", http == null ? JsonNull.INSTANCE : http);
        if (!f.odd) { // the odd payload leaves the sections below out altogether
            m.add("checks_metric_summary", checks == null ? JsonNull.INSTANCE : checks);
            m.add("ws_metric_summary", JsonNull.INSTANCE);
            m.add("grpc_metric_summary", JsonNull.INSTANCE);
            m.add("browser_metric_summary", JsonNull.INSTANCE);
        }
        m.add("thresholds_summary", thresholds == null ? JsonNull.INSTANCE : thresholds);
        return m;
    }

    private static JsonObject check(String name, long successes, long failures, boolean odd) {
        JsonObject s = new JsonObject();
        s.add("success_count", number(successes, odd));
        s.add("fail_count", number(failures, odd));
        s.add(
                "success_rate",
                number(successes + failures == 0 ? 1.0 : (double) successes / (successes + failures), odd));
        JsonObject c = new JsonObject();
        c.addProperty("name", name);
        c.add("metric_summary", s);
        return c;
    }

    private static JsonElement number(Number v, boolean asString) {
        return asString ? new JsonPrimitive(v.toString()) : new JsonPrimitive(v);
    }
}
