package io.jenkins.plugins.k6cloud.results;

import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.io.Serializable;
import java.util.List;

/**
 * The figures of one run that comparisons, the regression gate and the trend use; any may be
 * absent ({@code null}) when k6 Cloud did not report it.
 *
 * @param p95Ms HTTP response time, 95th percentile, in milliseconds
 * @param medianMs HTTP response time, median
 * @param p99Ms HTTP response time, 99th percentile
 * @param maxMs HTTP response time, maximum
 * @param failureRate failed HTTP requests per request, 0..1
 * @param rpsMean HTTP requests per second, mean
 * @param rpsMax HTTP requests per second, maximum
 * @param requests HTTP requests made
 * @param checksPassed passed check evaluations per evaluation, 0..1
 * @param thresholds the run's thresholds with their values (empty when unknown)
 */
public record RunFigures(
        Double p95Ms,
        Double medianMs,
        Double p99Ms,
        Double maxMs,
        Double failureRate,
        Double rpsMean,
        Double rpsMax,
        Long requests,
        Double checksPassed,
        List<Threshold> thresholds)
        implements Serializable {

    public RunFigures {
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    }

    /** The figures of {@code summary} (may be {@code null}: all absent) and {@code thresholds} (may be {@code null}). */
    public static RunFigures of(RunMetrics.Summary summary, List<Threshold> thresholds) {
        RunMetrics.Http http = summary == null ? null : summary.http();
        RunMetrics.Trend d = http == null ? null : http.duration();
        RunMetrics.Checks checks = summary == null ? null : summary.checks();
        return new RunFigures(
                d == null ? null : d.p95(),
                http == null ? null : http.durationMedian(),
                d == null ? null : d.p99(),
                d == null ? null : d.max(),
                http == null ? null : http.failureRate(),
                http == null ? null : http.rpsMean(),
                http == null ? null : http.rpsMax(),
                http == null ? null : http.requests(),
                checks == null ? null : checks.passedRate(),
                thresholds);
    }
}
