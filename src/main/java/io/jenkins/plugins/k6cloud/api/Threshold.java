package io.jenkins.plugins.k6cloud.api;

/** One threshold of a run; {@code tainted}: crossed (failed). */
public record Threshold(String name, String stat, Double value, boolean tainted) implements java.io.Serializable {
    public boolean passed() {
        return !tainted;
    }
}
