package io.jenkins.plugins.k6cloud.api;

/**
 * One threshold of a test run, e.g. {@code http_req_duration: p(95)<500}.
 *
 * @param name the threshold as written in the script
 * @param stat the statistic it is computed on ({@code p(95)}, {@code count}, ...), or {@code null}
 * @param value the value k6 Cloud computed, or {@code null} when it has none
 * @param tainted {@code true} when the threshold was crossed (failed)
 */
public record Threshold(String name, String stat, Double value, boolean tainted) implements java.io.Serializable {
    public boolean passed() {
        return !tainted;
    }
}
