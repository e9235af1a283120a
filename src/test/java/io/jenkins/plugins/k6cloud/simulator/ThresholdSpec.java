package io.jenkins.plugins.k6cloud.simulator;

/**
 * A threshold a scenario reports once processing is over.
 *
 * @param name as k6 Cloud shows it, e.g. {@code http_req_duration: p(95)<500}
 * @param metricType the k6 metric type ({@code trend}, {@code rate}, {@code counter}, {@code gauge})
 * @param stat the statistic, e.g. {@code p(95)}
 * @param limit the threshold value ({@code value} in the API)
 * @param calculatedValue what the run measured ({@code calculated_value})
 * @param tainted whether the threshold was crossed
 */
public record ThresholdSpec(
        String name, String metricType, String stat, double limit, double calculatedValue, boolean tainted) {

    public static ThresholdSpec passing(String name, String stat, double limit, double calculated) {
        return new ThresholdSpec(name, typeOf(name), stat, limit, calculated, false);
    }

    public static ThresholdSpec failing(String name, String stat, double limit, double calculated) {
        return new ThresholdSpec(name, typeOf(name), stat, limit, calculated, true);
    }

    /** The metric name: the part of {@link #name()} before the last colon. */
    public String metric() {
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(0, colon).strip();
    }

    private static String typeOf(String name) {
        if (name.startsWith("http_req_failed") || name.startsWith("checks")) {
            return "rate";
        }
        if (name.startsWith("http_reqs") || name.startsWith("iterations")) {
            return "counter";
        }
        return "trend";
    }
}
