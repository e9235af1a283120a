package io.jenkins.plugins.k6cloud.api;

import static io.jenkins.plugins.k6cloud.api.ApiRequest.positive;
import static io.jenkins.plugins.k6cloud.api.K6CloudJson.doubleValue;
import static io.jenkins.plugins.k6cloud.api.K6CloudJson.longValue;
import static io.jenkins.plugins.k6cloud.api.K6CloudJson.object;
import static io.jenkins.plugins.k6cloud.api.K6CloudJson.string;

import com.google.gson.JsonObject;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import java.io.Serializable;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's metrics as k6 Cloud summarises them. Neither endpoint is in a published schema: both are
 * those Grafana's CI action ({@code grafana/run-k6-action}, {@code src/k6helper.ts}) reads, with
 * {@code Authorization: Token} whichever the API. Any figure may be {@code null}; durations in ms.
 *
 * @param checks {@code null} when they could not be read ({@code checksUnavailable} says why)
 */
public record RunMetrics(long runId, Summary summary, Baseline baseline, List<Check> checks, String checksUnavailable)
        implements Serializable {

    public RunMetrics {
        checks = checks == null ? null : List.copyOf(checks);
    }

    public record Baseline(long runId, Summary summary) implements Serializable {}

    public record Summary(Http http, Checks checks, Thresholds thresholds, Ws ws, Grpc grpc, Browser browser)
            implements Serializable {}

    public record Trend(Long count, Double min, Double mean, Double max, Double p95, Double p99, Double stdev)
            implements Serializable {}

    public record Http(
            Long requests, Long failures, Double rpsMean, Double rpsMax, Trend duration, Double durationMedian)
            implements Serializable {
        public Double failureRate() {
            return ratio(failures, requests);
        }
    }

    /** Distinct checks and their evaluations ("hits"). */
    public record Checks(Long total, Long successes, Long hitsTotal, Long hitsSuccesses) implements Serializable {
        public Double passedRate() {
            return ratio(hitsSuccesses, hitsTotal);
        }
    }

    public record Thresholds(Long total, Long successes) implements Serializable {}

    public record Ws(
            Long messagesSent,
            Long messagesReceived,
            Long sessions,
            Trend connecting,
            Trend ping,
            Trend sessionDuration)
            implements Serializable {}

    public record Grpc(Long requests, Double rpsMean, Double rpsMax, Trend duration, Double durationMedian)
            implements Serializable {}

    public record Browser(
            Double lcpP75,
            Double fcpP75,
            Double clsP75,
            Double inpP75,
            Double ttfbP75,
            Long httpRequests,
            Long httpFailures,
            Double httpRpsMean,
            Trend httpDuration)
            implements Serializable {}

    public record Check(String name, Long successes, Long failures, Double successRate) implements Serializable {
        public boolean passed() {
            return failures != null && failures == 0 && successes != null;
        }
    }

    static ApiRequest summaryRequest(long runId) {
        return ApiRequest.get("/cloud/v5/test_runs(" + positive(runId, "run") + ")/result_summary")
                .select(List.of("metrics_summary", "baseline_test_run_details"))
                .authScheme("Token");
    }

    static ApiRequest checksRequest(long runId) {
        return ApiRequest.get("/loadtests/v4/test_runs(" + positive(runId, "run") + ")/checks")
                .select(List.of("name", "metric_summary"))
                .encodedParam("$filter", "group_id%20eq%20null")
                .authScheme("Token");
    }

    static RunMetrics summary(long runId, ApiResponse answer) throws ProtocolException {
        JsonObject root = answer.json();
        JsonObject summary = object(root, "metrics_summary");
        if (summary == null) {
            throw new ProtocolException(
                    "k6 Cloud answered " + answer.request() + " without a metrics summary.",
                    answer.request(),
                    answer.status(),
                    null);
        }
        JsonObject base = object(root, "baseline_test_run_details");
        Long baseId = longValue(base, "id");
        JsonObject baseSummary = object(base, "metrics_summary");
        Baseline baseline = baseId == null || baseSummary == null ? null : new Baseline(baseId, summary(baseSummary));
        return new RunMetrics(runId, summary(summary), baseline, null, null);
    }

    static List<Check> checks(ApiResponse answer) throws ProtocolException {
        List<Check> out = new ArrayList<>();
        for (JsonObject o : answer.envelopeArray(answer.json(), "value")) {
            String name = string(o, "name");
            if (name != null && !name.isBlank()) {
                JsonObject m = object(o, "metric_summary");
                out.add(new Check(
                        name,
                        longValue(m, "success_count"),
                        longValue(m, "fail_count"),
                        doubleValue(m, "success_rate")));
            }
        }
        return out;
    }

    RunMetrics withChecks(List<Check> list, String unavailable) {
        return new RunMetrics(runId, summary, baseline, list, unavailable);
    }

    static Summary summary(JsonObject s) {
        return new Summary(
                read(
                        Http.class,
                        s,
                        "http_metric_summary requests_count failures_count rps_mean rps_max duration"
                                + " duration_median"),
                read(Checks.class, s, "checks_metric_summary total successes hits_total hits_successes"),
                read(Thresholds.class, s, "thresholds_summary total successes"),
                read(
                        Ws.class,
                        s,
                        "ws_metric_summary msgs_sent msgs_received sessions connecting ping session_duration"),
                read(Grpc.class, s, "grpc_metric_summary requests_count rps_mean rps_max duration duration_median"),
                read(
                        Browser.class,
                        s,
                        "browser_metric_summary web_vital_lcp_p75 web_vital_fcp_p75 web_vital_cls_p75"
                                + " web_vital_inp_p75 web_vital_ttfb_p75 http_request_count http_failure_count http_rps_mean"
                                + " http_duration"));
    }

    /** The record in the object {@code names[0]} of {@code parent}, its components from the fields {@code names[1..]}. */
    private static <R extends Record> R read(Class<R> type, JsonObject parent, String names) {
        String[] key = names.split(" ");
        JsonObject o = object(parent, key[0]);
        if (o == null) {
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = types[i] == Long.class
                    ? longValue(o, key[i + 1])
                    : types[i] == Double.class
                            ? doubleValue(o, key[i + 1])
                            : read(Trend.class, o, key[i + 1] + " count min mean max p95 p99 stdev");
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Double ratio(Long part, Long whole) {
        return part == null || whole == null || whole <= 0 ? null : (double) part / whole;
    }
}
