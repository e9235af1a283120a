package io.jenkins.plugins.k6cloud.simulator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.jenkins.plugins.k6cloud.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

public class JournalTest {
    private final ManualClock clock = new ManualClock();
    private K6CloudSimulator sim;

    @After
    public void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    private SimHttp start(JournalMode mode) throws Exception {
        sim = K6CloudSimulator.builder().clock(clock).journalMode(mode).start();
        return new SimHttp(sim);
    }

    @Test
    public void entriesCarryTheSimulatorTimeAndWhatWasAsked() throws Exception {
        SimHttp http = start(JournalMode.full());
        long testId = sim.addLoadTest(Scenarios.passes());
        clock.advance(Duration.ofSeconds(30));
        long runId = http.start(testId);
        http.get("/loadtests/v2/runs/" + runId + "?$select=id,run_status");
        List<JournalEntry> all = sim.journal().requests();
        assertEquals(2, all.size());
        JournalEntry read = all.get(1);
        assertEquals(2, read.seq());
        assertEquals(clock.instant(), read.time());
        assertEquals("GET", read.method());
        assertEquals("/loadtests/v2/runs/" + runId, read.path());
        assertEquals("$select=id,run_status", read.rawQuery());
        assertEquals("id,run_status", read.param("$select"));
        assertEquals(Long.valueOf(testId), read.testId());
        assertEquals(Long.valueOf(runId), read.runId());
        assertTrue(read.authValid());
        assertEquals(200, read.status());
    }

    @Test
    public void awaitRequestsWaitsForTheCountAndTimesOutWithTheLastRequests() throws Exception {
        SimHttp http = start(JournalMode.full());
        long testId = sim.addLoadTest(Scenarios.passes());
        long runId = http.start(testId);
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "journal-test-poller"));
        try {
            Future<?> poller = pool.submit(() -> {
                for (int i = 0; i < 3; i++) {
                    http.run(runId);
                }
                return null;
            });
            List<JournalEntry> reads =
                    sim.journal().awaitRequests(e -> e.endpoint() == Endpoint.READ, 3, Duration.ofSeconds(10));
            assertEquals(3, reads.size());
            poller.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        try {
            sim.journal().awaitRequest(Endpoint.STOP, Duration.ofMillis(50));
            fail("expected no STOP");
        } catch (AssertionError e) {
            assertThat(e.getMessage(), containsString("0 of the 1"));
            assertThat(e.getMessage(), containsString("/loadtests/v2/runs/" + runId));
        }
    }

    @Test
    public void boundedJournalKeepsTheLastEntriesButCountsThemAll() throws Exception {
        SimHttp http = start(JournalMode.bounded(3));
        for (int i = 0; i < 5; i++) {
            http.get("/v3/organizations");
        }
        assertEquals(3, sim.journal().requests().size());
        assertEquals(5, sim.journal().requests().get(2).seq());
        assertEquals(5, sim.journal().count(Endpoint.TOKEN));
        assertEquals(5, sim.journal().totalRequests());
    }

    @Test
    public void countingOnlyJournalStillServesLatchesAndRunQueries() throws Exception {
        SimHttp http = start(JournalMode.countingOnly());
        long testId = sim.addLoadTest(Scenarios.passes());
        long runId = http.start(testId);
        assertTrue(sim.journal().requests().isEmpty());
        assertEquals(1, sim.journal().count(Endpoint.START));
        assertEquals(1, sim.journal().runsLeftRunning().size());
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "journal-test-stopper"));
        try {
            Future<?> stopper = pool.submit(() -> http.post("/loadtests/v2/runs/" + runId + "/stop"));
            JournalEntry stop = sim.journal().awaitRequest(Endpoint.STOP, Duration.ofSeconds(10));
            assertEquals(Long.valueOf(runId), stop.runId());
            stopper.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(sim.journal().runsLeftRunning().isEmpty());
    }

    @Test
    public void concurrentStartsGetDistinctRunsAndAreAllJournaled() throws Exception {
        SimHttp http = start(JournalMode.full());
        long testId = sim.addLoadTest(Scenarios.passes());
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> new Thread(r, "journal-test-starter"));
        List<Future<Long>> starts = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                starts.add(pool.submit(() -> http.start(testId)));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<Long> f : starts) {
                ids.add(f.get(30, TimeUnit.SECONDS));
            }
            assertEquals(200, ids.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, sim.journal().startsFor(testId).size());
        assertEquals(200, sim.journal().runsLeftRunning().size());
        clock.advance(Scenarios.passes().timings().untilEnd());
        assertTrue(sim.journal().runsLeftRunning().isEmpty());
    }

    @Test
    public void unknownRunIsAClearError() throws Exception {
        start(JournalMode.full());
        Journal journal = sim.journal();
        assertThat(
                assertThrows(IllegalArgumentException.class, () -> journal.run(12345))
                        .getMessage(),
                containsString("12345"));
    }
}
