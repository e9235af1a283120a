package io.jenkins.plugins.k6cloud.testing;

import io.jenkins.plugins.k6cloud.api.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Sleeper} that never sleeps: it records each delay and moves a {@link ManualClock} by it. */
public final class RecordingSleeper implements Sleeper {
    private final ManualClock clock;
    private final List<Long> delays = new CopyOnWriteArrayList<>();

    public RecordingSleeper(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(long millis) {
        delays.add(millis);
        clock.advance(Duration.ofMillis(millis));
    }

    /** The delays asked for, in order. */
    public List<Long> delays() {
        return List.copyOf(delays);
    }
}
