package io.jenkins.plugins.k6cloud.cli;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the command line asked for. {@code null} means "not given".
 *
 * @param help print the usage and exit
 * @param testId the load test to run
 * @param apiUrl the k6 Cloud API
 * @param webUrl the base of run links in the k6 web app
 * @param pollInterval how often to poll the run
 * @param timeout the longest the whole run may take
 * @param simulate run against the embedded k6 Cloud simulator
 * @param scenario the simulator's scenario, or {@code null} for its default
 * @param apiFlavour the k6 Cloud API to speak ({@code --api-flavour v2|v6})
 * @param stackId the Grafana stack id ({@code --stack-id}), required by v6
 * @param script the k6 script or archive to upload before the start ({@code --script})
 * @param testName the load test to create or update from it ({@code --test-name})
 * @param projectId the project of that load test ({@code --project-id})
 * @param note the run's note ({@code --note})
 */
public record CliOptions(
        boolean help,
        Long testId,
        URI apiUrl,
        String webUrl,
        Duration pollInterval,
        Duration timeout,
        boolean simulate,
        String scenario,
        ApiFlavour apiFlavour,
        Long stackId,
        Path script,
        String testName,
        Long projectId,
        String note) {}
