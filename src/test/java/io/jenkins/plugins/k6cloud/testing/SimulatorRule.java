package io.jenkins.plugins.k6cloud.testing;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.RetryPolicy;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import java.util.Random;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;
import org.junit.rules.ExternalResource;

/**
 * A k6 Cloud simulator on a {@link ManualClock}, started before each test and closed after it, and the plugin's clients
 * of it in virtual time: their pauses are recorded by {@link #sleeper}, which moves the clock. (Tests against a live
 * Jenkins use {@code SimulatedCloudRule}, whose clock follows real time.)
 */
public final class SimulatorRule extends ExternalResource {
    public final ManualClock clock = new ManualClock();
    public final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final OkHttpClient http = new OkHttpClient();
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

    public K6CloudSimulator sim() {
        return sim;
    }

    /**
     * The client of {@code flavour} with the simulator's token; see {@link #client(ApiFlavour, String, UnaryOperator)}.
     */
    public HttpK6CloudClient client(ApiFlavour flavour, UnaryOperator<ClientOptions> options) {
        return client(flavour, sim.token(), options);
    }

    /**
     * The client of {@code flavour} with {@code token}, on this rule's clock and sleeper, retrying by the default
     * policy with exact pauses (no jitter), with the simulator's stack id on v6; then {@code options} changes what the
     * test wants.
     */
    public HttpK6CloudClient client(ApiFlavour flavour, String token, UnaryOperator<ClientOptions> options) {
        ClientOptions base = ClientOptions.defaults()
                .withStackId(flavour.requiresStackId() ? sim.stackId() : null)
                .withTime(clock, sleeper, new Random(3))
                .withRetryPolicy(RetryPolicy.defaults().withJitter(0));
        return new HttpK6CloudClient(flavour, http, sim.uri(), ApiToken.of(token), options.apply(base));
    }
}
