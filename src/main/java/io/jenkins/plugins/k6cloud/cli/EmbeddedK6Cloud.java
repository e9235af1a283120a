package io.jenkins.plugins.k6cloud.cli;

import io.jenkins.plugins.k6cloud.api.ApiToken;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A k6 Cloud inside this JVM for {@code bin/k6cloud}'s demo: the simulator in the test sources registers
 * one with {@link ServiceLoader}; the plugin never ships one.
 */
public interface EmbeddedK6Cloud {

    /** The scenarios it can play; the first is the default demo. */
    List<String> scenarios();

    /** Starts a k6 Cloud on a loopback port with one load test playing {@code scenario}. */
    Session start(String scenario) throws IOException;

    /**
     * A running embedded k6 Cloud; {@link #close()} runs {@code stop}.
     *
     * @param webAppUrl the base of run links it serves, e.g. {@code http://127.0.0.1:PORT/app}
     * @param stackId the Grafana stack id its v6 API accepts, or {@code null} when it serves no v6
     * @param demoScript the k6 script to upload when no {@code --script} is given, or {@code null}
     */
    record Session(
            URI apiUrl, ApiToken token, long testId, String webAppUrl, Long stackId, Path demoScript, Runnable stop)
            implements AutoCloseable {
        @Override
        public void close() {
            stop.run();
        }
    }

    static Optional<EmbeddedK6Cloud> find() {
        return ServiceLoader.load(EmbeddedK6Cloud.class).findFirst();
    }
}
