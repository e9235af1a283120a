package io.jenkins.plugins.k6cloud.engine;

import static org.junit.Assert.assertEquals;

import io.jenkins.plugins.k6cloud.api.TestRun;
import org.junit.Test;

public class ConsoleTextTest {

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
        assertEquals(
                "Running",
                ConsoleText.statusText(TestRun.builder(1).runStatus(2).build()));
        assertEquals(
                "Finished, processing metrics",
                ConsoleText.statusText(
                        TestRun.builder(1).runStatus(3).processingStatus(1).build()));
        assertEquals(
                "Aborted (by threshold)",
                ConsoleText.statusText(
                        TestRun.builder(1).runStatus(8).processingStatus(2).build()));
        assertEquals(
                "unknown run_status 42",
                ConsoleText.statusText(TestRun.builder(1).runStatus(42).build()));
        assertEquals(
                "unknown status 'paused'",
                ConsoleText.statusText(TestRun.builder(1).statusText("paused").build()));
        assertEquals(
                "k6 Cloud run 1 reports status 'paused', which this plugin does not know; following it until it ends",
                ConsoleText.unknownStatus(
                        TestRun.builder(1).statusText("paused").build()));
    }

    @Test
    public void numbers() {
        assertEquals("500", ConsoleText.number(500.0));
        assertEquals("812.7", ConsoleText.number(812.7));
        assertEquals("0.002", ConsoleText.number(0.002));
        assertEquals("1234.57", ConsoleText.number(1234.5678));
    }
}
