package io.jenkins.plugins.k6cloud.cli;

import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import io.jenkins.plugins.k6cloud.engine.FastForwardScheduler;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.engine.Scheduler.ThreadPoolScheduler;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.Scenario;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.SimulatedK6Cloud;
import io.jenkins.plugins.k6cloud.testing.LineLatch;
import io.jenkins.plugins.k6cloud.testing.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.rules.ExternalResource;

/**
 * The CLI tests' rule: the embedded k6 Cloud and an {@link #external} one on a {@link ManualClock} that
 * the engine's waits move, so a run takes milliseconds; the runner's output, errors and environment.
 */
final class VirtualK6Cloud extends ExternalResource implements EmbeddedK6Cloud {
    final ManualClock clock = new ManualClock();
    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final Map<String, String> env = new HashMap<>();
    private OutputStream out = outBytes;
    K6CloudSimulator external;

    UnaryOperator<Scenario> shape = UnaryOperator.identity();
    Consumer<K6CloudSimulator> setup = sim -> {};
    volatile K6CloudSimulator sim;
    Supplier<Optional<EmbeddedK6Cloud>> clouds = () -> Optional.of(this);

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @Override
    public List<String> scenarios() {
        return Scenarios.names();
    }

    @Override
    public Session start(String scenario) throws IOException {
        sim = K6CloudSimulator.builder().clock(clock).start();
        setup.accept(sim);
        long testId = sim.addLoadTest(shape.apply(Scenarios.byName(scenario)));
        Path script = scenario.equals(Scenarios.UPLOAD_AND_RUN) ? SimulatedK6Cloud.writeDemoScript() : null;
        return SimulatedK6Cloud.session(sim, testId, script);
    }

    /** For the runners made after this call. */
    CountDownLatch latchOn(String marker) {
        LineLatch lines = new LineLatch(outBytes, marker);
        out = lines;
        return lines.latch;
    }

    /** {@code token} is also put in {@link #env}; {@code stackId} may be {@code null}. */
    K6CloudSimulator external(String token, Integer stackId) throws IOException {
        K6CloudSimulator.Builder b = K6CloudSimulator.builder().clock(clock).token(token);
        external = (stackId == null ? b : b.stackId(stackId)).start();
        env.put(K6CloudDefaults.TOKEN_VARIABLE, token);
        return external;
    }

    @Override
    protected void after() {
        if (external != null) {
            external.close();
        }
    }

    String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    K6CloudCli cli() {
        return new K6CloudCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8),
                env,
                K6CloudCli::httpClient,
                clouds,
                this::engine);
    }

    RunEngine engine() {
        return new RunEngine(new FastForwardScheduler(new ThreadPoolScheduler("k6-cloud-cli-test", 1), clock), clock);
    }
}
