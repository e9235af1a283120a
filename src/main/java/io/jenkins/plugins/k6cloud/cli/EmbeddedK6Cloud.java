package io.jenkins.plugins.k6cloud.cli;

import io.jenkins.plugins.k6cloud.api.ApiToken;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The demo's k6 Cloud in this JVM: the test sources' simulator registers one ({@link ServiceLoader}); never shipped. */
public interface EmbeddedK6Cloud {

    /** The first is the default demo. */
    List<String> scenarios();

    Session start(String scenario) throws IOException;

    /** {@code stackId} and {@code demoScript} may be {@code null}. */
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
