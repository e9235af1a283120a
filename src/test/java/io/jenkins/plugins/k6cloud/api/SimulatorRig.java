package io.jenkins.plugins.k6cloud.api;

import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.testing.ManualClock;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.junit.rules.ExternalResource;

/**
 * A k6 Cloud simulator on a {@link ManualClock}, with the OkHttp client and virtual-time client
 * options for talking to it; started before each test and closed after it.
 */
final class SimulatorRig extends ExternalResource {
    final ManualClock clock = new ManualClock();
    final RecordingSleeper sleeper = new RecordingSleeper(clock);
    final OkHttpClient http = new OkHttpClient();
    private K6CloudSimulator sim;

    @Override
    protected void before() throws Exception {
        sim = K6CloudSimulator.builder().clock(clock).start();
    }

    @Override
    protected void after() {
        sim.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    K6CloudSimulator sim() {
        return sim;
    }

    /** {@code options} on this rig's clock and sleeper, with a fixed random seed and no retry jitter. */
    ClientOptions virtualTime(ClientOptions options) {
        return options.withTime(clock, sleeper, new Random(3))
                .withRetryPolicy(RetryPolicy.defaults().withJitter(0));
    }
}
