package io.jenkins.plugins.k6cloud.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The ready-made scenarios, one per {@link Outcome}, findable by their lowercase-hyphen name. */
public final class Scenarios {
    private static final ThresholdSpec P95_OK =
            ThresholdSpec.passing("http_req_duration: p(95)<500", "p(95)", 500, 312.4);
    private static final ThresholdSpec P95_CROSSED =
            ThresholdSpec.failing("http_req_duration: p(95)<500", "p(95)", 500, 812.7);
    private static final ThresholdSpec FAILED_OK =
            ThresholdSpec.passing("http_req_failed: rate<0.01", "rate", 0.01, 0.002);

    /** The name of {@link #uploadAndRun()}. */
    public static final String UPLOAD_AND_RUN = "upload-and-run";

    private Scenarios() {}

    /** The scenario of {@code outcome} with standard (virtual-time) timings. */
    public static Scenario of(Outcome outcome) {
        Scenario.Builder b = Scenario.builder(outcome);
        switch (outcome) {
            case THRESHOLDS_FAIL -> b.threshold(P95_CROSSED).threshold(FAILED_OK);
            case ABORTED_BY_THRESHOLD ->
                b.timings(Timings.standard().withRunning(Duration.ofSeconds(12)))
                        .threshold(P95_CROSSED)
                        .threshold(FAILED_OK);
            case PROCESSING_LAGS ->
                b.timings(Timings.standard().withProcessing(Duration.ofMinutes(10)))
                        .threshold(P95_CROSSED)
                        .threshold(FAILED_OK);
            case ABORTED_BY_SYSTEM, ABORTED_BY_SCRIPT_ERROR ->
                b.timings(Timings.standard().withRunning(Duration.ofSeconds(3))).threshold(P95_OK);
            case ABORTED_BY_LIMIT, STOPPED_IN_WEB_APP ->
                b.timings(Timings.standard().withRunning(Duration.ofSeconds(10)))
                        .threshold(P95_OK);
            default -> b.threshold(P95_OK).threshold(FAILED_OK);
        }
        return b.build();
    }

    public static Scenario passes() {
        return of(Outcome.PASSES);
    }

    /**
     * {@value #UPLOAD_AND_RUN}: what load tests created by an upload play (they pass), and the demo of an upload (the
     * command-line runner's {@code --simulate upload-and-run}).
     */
    public static Scenario uploadAndRun() {
        return Scenario.builder(Outcome.PASSES)
                .name(UPLOAD_AND_RUN)
                .threshold(P95_OK)
                .threshold(FAILED_OK)
                .build();
    }

    /**
     * Passes, but slower than {@link #passes()}: p95 401 ms instead of 312.4 ms (+28.4 %), within the same threshold;
     * for the regression gate.
     */
    public static Scenario passesSlower() {
        return Scenario.builder(Outcome.PASSES)
                .name("passes-slower")
                .threshold(ThresholdSpec.passing("http_req_duration: p(95)<500", "p(95)", 500, 401))
                .threshold(FAILED_OK)
                .build();
    }

    public static Scenario thresholdsFail() {
        return of(Outcome.THRESHOLDS_FAIL);
    }

    /** The names of all ready-made scenarios, {@code "passes"} first. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            names.add(o.scenarioName());
        }
        names.add(UPLOAD_AND_RUN);
        return names;
    }

    /**
     * The ready-made scenario named {@code name} (case-insensitive; "thresholds-fail", "THRESHOLDS_FAIL" and
     * "thresholds_fail" are the same). @throws IllegalArgumentException naming the known scenarios, when there is none
     * by that name
     */
    public static Scenario byName(String name) {
        String wanted =
                name == null ? "" : name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (wanted.equals(UPLOAD_AND_RUN.toUpperCase(Locale.ROOT).replace('-', '_'))) {
            return uploadAndRun();
        }
        return Arrays.stream(Outcome.values())
                .filter(o -> o.name().equals(wanted))
                .findFirst()
                .map(Scenarios::of)
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown scenario \"" + name + "\": use one of " + String.join(", ", names())));
    }
}
