package io.jenkins.plugins.k6cloud.api;

import static io.jenkins.plugins.k6cloud.api.ApiRequest.positive;

import com.google.gson.JsonObject;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The metrics of one run as k6 Cloud summarises them, read once after the verdict with
 * {@link K6CloudClient#getRunMetrics}. Neither endpoint is in a published API schema; both are the
 * ones Grafana's own CI action ({@code grafana/run-k6-action}, {@code src/k6helper.ts}) reads after
 * every cloud run, with {@code Authorization: Token <token>} whichever API the token is for (so this
 * client sends {@code Token} on v6 too, and {@code X-Stack-Id} where one is configured):
 *
 * <ul>
 *   <li>{@code GET /cloud/v5/test_runs(ID)/result_summary?$select=metrics_summary,baseline_test_run_details}
 *       answers {@code {metrics_summary, baseline_test_run_details: {id, metrics_summary} | null}};
 *   <li>{@code GET /loadtests/v4/test_runs(ID)/checks?$select=name,metric_summary&$filter=group_id eq null}
 *       answers {@code {value: [{name, metric_summary: {fail_count, success_count, success_rate}}]}}.
 * </ul>
 *
 * <p>Every figure may be absent ({@code null}): a section that is {@code null} or missing in the
 * answer is {@code null} here, and so is a field. Durations are in milliseconds, as k6 Cloud gives them.
 *
 * @param runId the run
 * @param summary the run's metrics summary
 * @param baseline k6's baseline run of the load test, or {@code null} when k6 reports none
 * @param checks the top-level checks (those in no group), or {@code null} when they could not be read
 * @param checksUnavailable why {@code checks} is {@code null}, as k6 Cloud's failure said it; else {@code null}
 */
public record RunMetrics(long runId, Summary summary, Baseline baseline, List<Check> checks, String checksUnavailable)
        implements Serializable {

    public RunMetrics {
        checks = checks == null ? null : List.copyOf(checks);
    }

    /** The baseline run k6 Cloud compares this run with, and its summary. */
    public record Baseline(long runId, Summary summary) implements Serializable {}

    /** {@code metrics_summary}: one section per kind of test; each {@code null} when the run had none. */
    public record Summary(Http http, Checks checks, Thresholds thresholds, Ws ws, Grpc grpc, Browser browser)
            implements Serializable {}

    /** A trend metric's statistics, in milliseconds (CLS of the browser: no unit). */
    public record Trend(Long count, Double min, Double mean, Double max, Double p95, Double p99, Double stdev)
            implements Serializable {}

    /** {@code http_metric_summary}. */
    public record Http(
            Long requests, Long failures, Double rpsMean, Double rpsMax, Trend duration, Double durationMedian)
            implements Serializable {
        /** Failed requests per request (0..1), or {@code null} when either count is absent or no request was made. */
        public Double failureRate() {
            return ratio(failures, requests);
        }
    }

    /** {@code checks_metric_summary}: distinct checks and their evaluations ("hits"). */
    public record Checks(Long total, Long successes, Long hitsTotal, Long hitsSuccesses) implements Serializable {
        /** Passed evaluations per evaluation (0..1), or {@code null}. */
        public Double passedRate() {
            return ratio(hitsSuccesses, hitsTotal);
        }
    }

    /** {@code thresholds_summary}: how many thresholds the script has and how many were met. */
    public record Thresholds(Long total, Long successes) implements Serializable {}

    /** {@code ws_metric_summary}. */
    public record Ws(
            Long messagesSent,
            Long messagesReceived,
            Long sessions,
            Trend connecting,
            Trend ping,
            Trend sessionDuration)
            implements Serializable {}

    /** {@code grpc_metric_summary}. */
    public record Grpc(Long requests, Double rpsMean, Double rpsMax, Trend duration, Double durationMedian)
            implements Serializable {}

    /** {@code browser_metric_summary}: the 75th percentiles of the Web Vitals, and the page's HTTP requests. */
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

    /** One top-level check. */
    public record Check(String name, Long successes, Long failures, Double successRate) implements Serializable {
        /** Whether every evaluation passed; {@code false} when the counts are absent. */
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

    /**
     * The summary answer read; {@code checks} added later.
     *
     * @throws ProtocolException when the body is not JSON or has no {@code metrics_summary} object
     */
    static RunMetrics summary(long runId, ApiResponse answer) throws ProtocolException {
        JsonObject root = answer.json();
        JsonObject summary = K6CloudJson.object(root, "metrics_summary");
        if (summary == null) {
            throw new ProtocolException(
                    "k6 Cloud answered " + answer.request() + " without a metrics summary.",
                    answer.request(),
                    answer.status(),
                    null);
        }
        JsonObject base = K6CloudJson.object(root, "baseline_test_run_details");
        Long baseId = K6CloudJson.longValue(base, "id");
        JsonObject baseSummary = K6CloudJson.object(base, "metrics_summary");
        Baseline baseline = baseId == null || baseSummary == null ? null : new Baseline(baseId, summary(baseSummary));
        return new RunMetrics(runId, summary(summary), baseline, null, null);
    }

    /** The top-level checks of a {@code checks} answer; a check without a name is skipped. */
    static List<Check> checks(ApiResponse answer) throws ProtocolException {
        List<Check> out = new ArrayList<>();
        for (JsonObject o : answer.envelopeArray(answer.json(), "value")) {
            String name = K6CloudJson.string(o, "name");
            if (name != null && !name.isBlank()) {
                JsonObject m = K6CloudJson.object(o, "metric_summary");
                out.add(new Check(
                        name,
                        K6CloudJson.longValue(m, "success_count"),
                        K6CloudJson.longValue(m, "fail_count"),
                        K6CloudJson.doubleValue(m, "success_rate")));
            }
        }
        return out;
    }

    /** This, with the checks or why they are missing. */
    RunMetrics withChecks(List<Check> list, String unavailable) {
        return new RunMetrics(runId, summary, baseline, list, unavailable);
    }

    static Summary summary(JsonObject s) {
        JsonObject h = K6CloudJson.object(s, "http_metric_summary");
        JsonObject c = K6CloudJson.object(s, "checks_metric_summary");
        JsonObject t = K6CloudJson.object(s, "thresholds_summary");
        JsonObject w = K6CloudJson.object(s, "ws_metric_summary");
        JsonObject g = K6CloudJson.object(s, "grpc_metric_summary");
        JsonObject b = K6CloudJson.object(s, "browser_metric_summary");
        return new Summary(
                h == null
                        ? null
                        : new Http(
                                K6CloudJson.longValue(h, "requests_count"),
                                K6CloudJson.longValue(h, "failures_count"),
                                K6CloudJson.doubleValue(h, "rps_mean"),
                                K6CloudJson.doubleValue(h, "rps_max"),
                                trend(h, "duration"),
                                K6CloudJson.doubleValue(h, "duration_median")),
                c == null
                        ? null
                        : new Checks(
                                K6CloudJson.longValue(c, "total"),
                                K6CloudJson.longValue(c, "successes"),
                                K6CloudJson.longValue(c, "hits_total"),
                                K6CloudJson.longValue(c, "hits_successes")),
                t == null
                        ? null
                        : new Thresholds(K6CloudJson.longValue(t, "total"), K6CloudJson.longValue(t, "successes")),
                w == null
                        ? null
                        : new Ws(
                                K6CloudJson.longValue(w, "msgs_sent"),
                                K6CloudJson.longValue(w, "msgs_received"),
                                K6CloudJson.longValue(w, "sessions"),
                                trend(w, "connecting"),
                                trend(w, "ping"),
                                trend(w, "session_duration")),
                g == null
                        ? null
                        : new Grpc(
                                K6CloudJson.longValue(g, "requests_count"),
                                K6CloudJson.doubleValue(g, "rps_mean"),
                                K6CloudJson.doubleValue(g, "rps_max"),
                                trend(g, "duration"),
                                K6CloudJson.doubleValue(g, "duration_median")),
                b == null
                        ? null
                        : new Browser(
                                K6CloudJson.doubleValue(b, "web_vital_lcp_p75"),
                                K6CloudJson.doubleValue(b, "web_vital_fcp_p75"),
                                K6CloudJson.doubleValue(b, "web_vital_cls_p75"),
                                K6CloudJson.doubleValue(b, "web_vital_inp_p75"),
                                K6CloudJson.doubleValue(b, "web_vital_ttfb_p75"),
                                K6CloudJson.longValue(b, "http_request_count"),
                                K6CloudJson.longValue(b, "http_failure_count"),
                                K6CloudJson.doubleValue(b, "http_rps_mean"),
                                trend(b, "http_duration")));
    }

    private static Trend trend(JsonObject parent, String key) {
        JsonObject o = K6CloudJson.object(parent, key);
        return o == null
                ? null
                : new Trend(
                        K6CloudJson.longValue(o, "count"),
                        K6CloudJson.doubleValue(o, "min"),
                        K6CloudJson.doubleValue(o, "mean"),
                        K6CloudJson.doubleValue(o, "max"),
                        K6CloudJson.doubleValue(o, "p95"),
                        K6CloudJson.doubleValue(o, "p99"),
                        K6CloudJson.doubleValue(o, "stdev"));
    }

    private static Double ratio(Long part, Long whole) {
        return part == null || whole == null || whole <= 0 ? null : (double) part / whole;
    }
}
