package io.jenkins.plugins.k6cloud.simulator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.cli.EmbeddedK6Cloud;
import io.jenkins.plugins.k6cloud.testing.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class SimulatedK6CloudTest {

    @Test
    public void isFoundThroughTheServiceLoaderWithPassesFirst() {
        EmbeddedK6Cloud cloud = EmbeddedK6Cloud.find().orElseThrow(() -> new AssertionError("no EmbeddedK6Cloud"));
        assertTrue(cloud instanceof SimulatedK6Cloud);
        assertEquals("passes", cloud.scenarios().get(0));
        assertTrue(cloud.scenarios().contains("thresholds-fail"));
        assertTrue(cloud.scenarios().contains("aborted-by-threshold"));
    }

    @Test
    public void sessionServesTheApiWithItsTokenAndTest() throws Exception {
        try (EmbeddedK6Cloud.Session session = new SimulatedK6Cloud().start("thresholds-fail")) {
            SimHttp http = new SimHttp(
                    session.apiUrl().toString(), "Token " + session.token().plainText(), null);
            assertEquals(200, http.get("/v3/organizations").status());
            long runId = http.start(session.testId());
            assertEquals(-2, http.run(runId).get("run_status").getAsInt());
            assertThat(session.webAppUrl(), containsString(session.apiUrl().toString() + "/app"));
            assertEquals(200, http.get("/app/runs/" + runId).status());
        }
    }

    @Test
    public void unknownScenarioNamesTheKnownOnes() throws Exception {
        assertThat(
                assertThrows(IllegalArgumentException.class, () -> new SimulatedK6Cloud().start("explodes"))
                        .getMessage(),
                containsString("passes"));
    }

    @Test
    public void demoRunsTakeTenToTwentySeconds() {
        Duration total = SimulatedK6Cloud.demoTimings(Scenarios.passes()).total();
        assertThat(total, greaterThanOrEqualTo(Duration.ofSeconds(10)));
        assertThat(total, lessThanOrEqualTo(Duration.ofSeconds(20)));
        Duration lag = SimulatedK6Cloud.demoTimings(Scenarios.byName("processing-lags"))
                .processing();
        assertThat(lag, greaterThanOrEqualTo(Duration.ofSeconds(4)));
    }

    @Test
    public void mainPrintsOneLoadTestPerScenario() throws Exception {
        K6CloudSimulatorMain.Options o = K6CloudSimulatorMain.Options.parse("--token", "t1", "--speed", "10", "--demo");
        assertEquals("t1", o.token());
        assertEquals(10.0, o.speed(), 0);
        try (K6CloudSimulator sim = K6CloudSimulator.builder().token(o.token()).start()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            K6CloudSimulatorMain.describe(sim, o, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertThat(out, containsString(sim.baseUrl()));
            assertThat(out, containsString("token: t1"));
            for (String name : Scenarios.names()) {
                assertThat(out, containsString(name));
            }
            SimHttp http = new SimHttp(sim.baseUrl(), "Bearer t1", Long.toString(sim.stackId()));
            assertEquals(
                    Scenarios.names().size(),
                    http.get("/cloud/v6/projects/" + RunStore.PROJECT_ID + "/load_tests")
                            .json()
                            .getAsJsonArray("value")
                            .size());
        }
    }

    @Test
    public void mainRejectsBadOptionsClearly() {
        assertThat(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> K6CloudSimulatorMain.Options.parse("--port", "eighty"))
                        .getMessage(),
                containsString("--port must be a whole number"));
        assertThat(
                assertThrows(IllegalArgumentException.class, () -> K6CloudSimulatorMain.Options.parse("--verbose"))
                        .getMessage(),
                containsString("Unknown option --verbose"));
    }

    @Test
    public void scaledClockRunsFaster() {
        ManualClock base = new ManualClock();
        ScaledClock fast = new ScaledClock(base, 10);
        base.advance(Duration.ofSeconds(3));
        assertEquals(base.instant().plusSeconds(27), fast.instant());
    }

    @Test
    public void closeStopsTheServerAndItsThreads() throws Exception {
        K6CloudSimulator sim = K6CloudSimulator.builder().threads(2).start();
        SimHttp http = new SimHttp(sim);
        assertEquals(200, http.get("/v3/organizations").status());
        List<Thread> threads = sim.serverThreads();
        assertFalse(threads.isEmpty());
        for (Thread t : threads) {
            assertTrue(t.getName(), t.getName().startsWith("k6-sim-http-"));
        }
        sim.close();
        for (Thread t : threads) {
            t.join(5_000);
            assertFalse(t.getName() + " still runs after close()", t.isAlive());
        }
        assertThrows(java.io.IOException.class, () -> http.rawGet("/v3/organizations"));
    }
}
