package io.jenkins.plugins.k6cloud.api;

/**
 * A k6 Cloud load test (the thing a run is started from).
 *
 * @param id the load test id
 * @param name its name in the web app
 * @param projectId the project it belongs to, or {@code null}
 */
public record LoadTest(long id, String name, Long projectId) {}
