package io.jenkins.plugins.k6cloud.simulator;

import java.time.Instant;

/**
 * A script the simulator accepted for a load test, by create or by replacement.
 *
 * @param created whether it came with the creation of the test ({@code false}: it replaced the script)
 * @param fileName the file name of the multipart part, or {@code null} for a replacement (raw bytes)
 * @param sha256 the SHA-256 of the script, in lowercase hex
 */
public record UploadRecord(
        Instant time, long testId, String testName, boolean created, String fileName, long size, String sha256) {}
