package io.jenkins.plugins.k6cloud.simulator;

import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.cli.EmbeddedK6Cloud;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The simulator as the command-line runner's embedded k6 Cloud: real time, demo timings (a complete run in about 15 s),
 * one load test playing the chosen scenario.
 */
public final class SimulatedK6Cloud implements EmbeddedK6Cloud {

    @Override
    public List<String> scenarios() {
        return Scenarios.names();
    }

    @Override
    public Session start(String scenario) throws IOException {
        if (!scenarios().contains(scenario)) {
            throw new IllegalArgumentException(
                    "Unknown scenario \"" + scenario + "\": use one of " + String.join(", ", scenarios()));
        }
        Scenario s = Scenarios.byName(scenario);
        Scenario demo = s.withTimings(demoTimings(s));
        K6CloudSimulator sim = K6CloudSimulator.builder()
                .clock(Clock.systemUTC())
                .threads(2)
                .journalMode(JournalMode.bounded(1000))
                .start();
        sim.setUploadScenario(demo);
        long testId = sim.addLoadTest("Demo: " + scenario, demo);
        Path script = null;
        try {
            if (scenario.equals(Scenarios.UPLOAD_AND_RUN)) {
                script = writeDemoScript();
            }
        } catch (IOException | RuntimeException e) {
            sim.close();
            throw e;
        }
        return session(sim, testId, script);
    }

    /** The resource {@code demo-script.js}, read from the class path. */
    public static final String DEMO_SCRIPT = "demo-script.js";

    /**
     * Writes the demo k6 script into a new temporary directory, as {@code demo-script.js} (the name of the load test
     * the upload creates); the caller deletes both.
     */
    public static Path writeDemoScript() throws IOException {
        Path dir = Files.createTempDirectory("k6cloud-demo");
        Path file = dir.resolve(DEMO_SCRIPT);
        try (InputStream in = SimulatedK6Cloud.class.getResourceAsStream(DEMO_SCRIPT)) {
            if (in == null) {
                throw new IOException("the test resources hold no " + DEMO_SCRIPT + ": rebuild the test classes");
            }
            Files.copy(in, file);
        }
        return file;
    }

    /** Deletes what {@link #writeDemoScript} wrote. */
    public static void deleteDemoScript(Path script) {
        if (script == null) {
            return;
        }
        try {
            Files.deleteIfExists(script);
            Files.deleteIfExists(script.getParent());
        } catch (IOException e) {
            // a temporary file; nothing else to do
        }
    }

    /** Demo timings, keeping the scenario's shape: a long processing phase stays longer than the others. */
    static Timings demoTimings(Scenario s) {
        Timings demo = Timings.demo();
        Timings standard = Timings.standard();
        double runningShare =
                (double) s.timings().running().toMillis() / standard.running().toMillis();
        double processingShare = (double) s.timings().processing().toMillis()
                / standard.processing().toMillis();
        return demo.withRunning(
                        java.time.Duration.ofMillis((long) (demo.running().toMillis() * runningShare)))
                .withProcessing(java.time.Duration.ofMillis(
                        (long) (demo.processing().toMillis() * Math.min(processingShare, 4))));
    }

    /** The session of {@code sim} playing load test {@code testId}; its close also deletes {@code script}. */
    public static Session session(K6CloudSimulator sim, long testId, Path script) {
        return new Session(sim.uri(), ApiToken.of(sim.token()), testId, sim.webAppUrl(), sim.stackId(), script, () -> {
            sim.close();
            deleteDemoScript(script);
        });
    }
}
