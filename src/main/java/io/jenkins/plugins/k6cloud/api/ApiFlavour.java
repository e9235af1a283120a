package io.jenkins.plugins.k6cloud.api;

import java.util.Locale;

/** Which k6 Cloud REST API a client speaks: the deprecated v2 "loadtests" API or Grafana Cloud k6 v6. */
public enum ApiFlavour {
    V2("v2", "k6 Cloud (v2, legacy loadtests API)"),
    V6("v6", "Grafana Cloud k6 (v6)");

    private final String id;
    private final String displayName;

    ApiFlavour(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** What configurations and the command line store. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** {@code X-Stack-Id}. */
    public boolean requiresStackId() {
        return this == V6;
    }

    public ApiFlavour other() {
        return this == V2 ? V6 : V2;
    }

    /** {@code v2}/{@code v6} (also {@code V2}, {@code 6}); {@code null} or blank is {@link #V2}. */
    public static ApiFlavour parse(String text) {
        if (text == null || text.isBlank()) {
            return V2;
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        for (ApiFlavour f : values()) {
            if (f.id.equals(s)
                    || f.id.substring(1).equals(s)
                    || f.name().toLowerCase(Locale.ROOT).equals(s)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "Unknown k6 Cloud API flavour \"" + text.strip() + "\": use v2 (k6 Cloud) or v6 (Grafana Cloud k6)");
    }
}
