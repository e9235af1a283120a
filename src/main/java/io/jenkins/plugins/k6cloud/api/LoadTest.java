package io.jenkins.plugins.k6cloud.api;

/** A k6 Cloud load test, which runs are started from; {@code projectId} may be {@code null}. */
public record LoadTest(long id, String name, Long projectId) {}
