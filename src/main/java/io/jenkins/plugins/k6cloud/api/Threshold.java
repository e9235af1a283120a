package io.jenkins.plugins.k6cloud.api;

/**
 * One threshold of a run, e.g. {@code http_req_duration: p(95)<500}.
 *
 * @param stat {@code p(95)}, {@code count}, ... or {@code null}
 * @param value what k6 Cloud computed, or {@code null}
 * @param tainted whether it was crossed (failed)
 */
public record Threshold(String name, String stat, Double value, boolean tainted) implements java.io.Serializable {
    public boolean passed() {
        return !tainted;
    }
}
