package io.jenkins.plugins.k6cloud.engine;

import static org.junit.Assert.assertEquals;

import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.TestRun;
import org.junit.Test;

public class ConsoleTextTest {
    /** A v6 run in a status this plugin does not know. */
    private static final TestRun PAUSED =
            new TestRun(1, null, null, null, null, null, null, null, null, null, null, null, null, "paused");

    @Test
    public void elapsedTime() {
        assertEquals("[00:00]", ConsoleText.elapsed(0));
        assertEquals("[00:42]", ConsoleText.elapsed(42_999));
        assertEquals("[59:59]", ConsoleText.elapsed(3_599_000));
        assertEquals("[1:00:05]", ConsoleText.elapsed(3_605_000));
    }

    @Test
    public void waitsInWords() {
        assertEquals("5s", DurationFormat.untilNext(4_001));
        assertEquals("1m", DurationFormat.untilNext(60_000));
        assertEquals("2m30s", DurationFormat.untilNext(150_000));
        assertEquals("0s", DurationFormat.untilNext(-5));
    }

    @Test
    public void statusWording() {
        assertEquals("Running", ConsoleText.statusText(TestRun.ofStatus(1, null, 2, null, null)));
        assertEquals("Finished, processing metrics", ConsoleText.statusText(TestRun.ofStatus(1, null, 3, 1, null)));
        assertEquals("Aborted (by threshold)", ConsoleText.statusText(TestRun.ofStatus(1, null, 8, 2, null)));
        assertEquals("unknown run_status 42", ConsoleText.statusText(TestRun.ofStatus(1, null, 42, null, null)));
        assertEquals("unknown status 'paused'", ConsoleText.statusText(PAUSED));
        assertEquals(
                "k6 Cloud run 1 reports status 'paused', which this plugin does not know; following it until it ends",
                ConsoleText.unknownStatus(PAUSED));
    }

    @Test
    public void numbers() {
        assertEquals("500", ConsoleText.number(500.0));
        assertEquals("812.7", ConsoleText.number(812.7));
        assertEquals("0.002", ConsoleText.number(0.002));
        assertEquals("1234.57", ConsoleText.number(1234.5678));
    }
}
