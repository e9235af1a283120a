package io.jenkins.plugins.k6cloud.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.K6CloudException;
import java.time.Duration;
import org.junit.Test;

public class ErrorStreakTest {
    private static final K6CloudException DOWN = new K6CloudException.ServerException("502", "GET /x", 502);

    @Test
    public void backsOffExponentiallyFromThePollIntervalUpToAMinute() {
        RunWatch.ErrorStreak s =
                new RunWatch.ErrorStreak(TestSettings.pollInterval(RunSettings.defaults(), Duration.ofSeconds(5)));
        long[] expected = {5_000, 10_000, 20_000, 40_000, 60_000, 60_000};
        for (long e : expected) {
            s.record(0);
            assertEquals(e, s.backoffMillis(DOWN));
        }
    }

    @Test
    public void honoursRetryAfter() {
        RunWatch.ErrorStreak s = new RunWatch.ErrorStreak(RunSettings.defaults());
        s.record(0);
        assertEquals(90_000, s.backoffMillis(new K6CloudException.RateLimitedException("429", "GET /x", 90_000)));
        assertEquals(5_000, s.backoffMillis(new K6CloudException.RateLimitedException("429", "GET /x", -1)));
    }

    @Test
    public void theBudgetIsACountAndATime() {
        RunWatch.ErrorStreak byCount =
                new RunWatch.ErrorStreak(TestSettings.errorBudget(RunSettings.defaults(), Duration.ofHours(1), 3));
        assertFalse(byCount.record(0));
        assertFalse(byCount.record(1));
        assertTrue(byCount.record(2));
        RunWatch.ErrorStreak byTime =
                new RunWatch.ErrorStreak(TestSettings.errorBudget(RunSettings.defaults(), Duration.ofSeconds(30), 100));
        assertFalse(byTime.record(1_000));
        assertFalse(byTime.record(30_999));
        assertTrue(byTime.record(31_000));
        assertEquals(3, byTime.reset());
        assertFalse("a success starts a new streak", byTime.record(100_000));
    }
}
