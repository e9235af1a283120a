package io.jenkins.plugins.k6cloud.cli;

import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.engine.FastForwardScheduler;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.engine.ThreadPoolScheduler;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.Scenario;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.SimulatedK6Cloud;
import io.jenkins.plugins.k6cloud.testing.ManualClock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The embedded k6 Cloud for CLI tests: the simulator on a {@link ManualClock}, with an engine
 * whose waits only move that clock, so a simulated run takes milliseconds.
 */
final class VirtualK6Cloud implements EmbeddedK6Cloud {
    static final String THREAD_PREFIX = "k6-cloud-cli-test";

    final ManualClock clock = new ManualClock();
    UnaryOperator<Scenario> shape = UnaryOperator.identity();
    Consumer<K6CloudSimulator> setup = sim -> {};
    volatile K6CloudSimulator sim;
    volatile String startedScenario;

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @Override
    public List<String> scenarios() {
        return Scenarios.names();
    }

    @Override
    public Session start(String scenario) throws IOException {
        startedScenario = scenario;
        sim = K6CloudSimulator.builder().clock(clock).start();
        setup.accept(sim);
        long testId = sim.addLoadTest(shape.apply(Scenarios.byName(scenario)));
        K6CloudSimulator s = sim;
        Path script = scenario.equals(Scenarios.UPLOAD_AND_RUN) ? SimulatedK6Cloud.writeDemoScript() : null;
        return new Session() {
            @Override
            public Path demoScript() {
                return script;
            }

            @Override
            public URI apiUrl() {
                return s.uri();
            }

            @Override
            public ApiToken token() {
                return ApiToken.of(s.token());
            }

            @Override
            public long testId() {
                return testId;
            }

            @Override
            public String webAppUrl() {
                return s.webAppUrl();
            }

            @Override
            public Long stackId() {
                return s.stackId();
            }

            @Override
            public void close() {
                s.close();
                SimulatedK6Cloud.deleteDemoScript(script);
            }
        };
    }

    /** The runner with the standard clients, this embedded k6 Cloud and its engine, printing to {@code out} and {@code err}. */
    K6CloudCli cli(OutputStream out, OutputStream err, Map<String, String> env) {
        return new K6CloudCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env,
                K6CloudCli::httpClient,
                () -> Optional.of(this),
                this::engine);
    }

    RunEngine engine() {
        return new RunEngine(new FastForwardScheduler(new ThreadPoolScheduler(THREAD_PREFIX, 1), clock), clock);
    }
}
