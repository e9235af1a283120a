package io.jenkins.plugins.k6cloud.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.Test;

/** The backoff arithmetic and the validation of {@link RetryPolicy}. */
public class RetryPolicyTest {

    @Test
    public void backoffDoublesUpToTheCap() {
        RetryPolicy p = RetryPolicy.defaults().withJitter(0);
        Random r = new Random(1);
        assertEquals(500, p.backoffMillis(1, r));
        assertEquals(1000, p.backoffMillis(2, r));
        assertEquals(2000, p.backoffMillis(3, r));
        assertEquals(4000, p.backoffMillis(4, r));
        assertEquals(8000, p.backoffMillis(5, r));
        assertEquals(8000, p.backoffMillis(6, r));
        assertEquals("no overflow far out", 8000, p.backoffMillis(10_000, r));
    }

    @Test
    public void jitterShortensEachPauseByAtMostItsFraction() {
        RetryPolicy p = RetryPolicy.defaults().withJitter(0.5);
        Random r = new Random(7);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long d = p.backoffMillis(3, r);
            assertThat(d, allOf(greaterThanOrEqualTo(1000L), lessThanOrEqualTo(2000L)));
            seen.add(d);
        }
        assertThat("pauses really vary", seen.size(), greaterThanOrEqualTo(50));
    }

    @Test
    public void theSameSeedGivesTheSamePauses() {
        RetryPolicy p = RetryPolicy.defaults();
        Random a = new Random(99);
        Random b = new Random(99);
        for (int i = 1; i < 8; i++) {
            assertEquals(p.backoffMillis(i, a), p.backoffMillis(i, b));
        }
        Random c = new Random(1);
        Random d = new Random(123_456_789);
        List<Long> fromC = new ArrayList<>();
        List<Long> fromD = new ArrayList<>();
        for (int i = 1; i < 8; i++) {
            fromC.add(p.backoffMillis(i, c));
            fromD.add(p.backoffMillis(i, d));
        }
        assertNotEquals(fromC, fromD);
    }

    @Test
    public void nonsenseIsRefusedWithAMessage() {
        assertThrows(
                IllegalArgumentException.class, () -> RetryPolicy.defaults().withMaxAttempts(0));
        assertThrows(
                IllegalArgumentException.class, () -> RetryPolicy.defaults().withJitter(1.5));
        assertThrows(
                IllegalArgumentException.class, () -> RetryPolicy.defaults().withJitter(Double.NaN));
        assertThrows(
                IllegalArgumentException.class,
                () -> RetryPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2));
        assertThrows(
                IllegalArgumentException.class,
                () -> RetryPolicy.defaults().withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5));
        assertThrows(
                IllegalArgumentException.class, () -> RetryPolicy.defaults().withBudget(Duration.ofSeconds(-1)));
        assertEquals(1, RetryPolicy.noRetries().maxAttempts());
    }
}
