package io.jenkins.plugins.k6cloud.api;

import java.time.Instant;
import java.util.List;

/**
 * The filters of the list-runs endpoint ({@code GET /loadtests/v2/runs}, {@code GET /cloud/v6/.../test_runs}).
 * Empty lists and {@code null} mean "not sent".
 *
 * @param testId runs of this load test ({@code test_id})
 * @param ids only these runs ({@code ids[]})
 * @param publicId the run with this public id ({@code public_id})
 * @param select the fields to return ({@code $select}); empty for all
 * @param createdAfter only runs created at or after this instant, asked for newest first
 *     (v2 {@code order_by=-created}, v6 {@code $orderby=created desc} and {@code created_after}); older
 *     runs are dropped, and on v6 (whose ordering is documented) paging stops at the first of them
 */
public record RunQuery(Long testId, List<Long> ids, String publicId, List<String> select, Instant createdAfter) {
    public RunQuery {
        ids = ids == null ? List.of() : List.copyOf(ids);
        select = select == null ? List.of() : List.copyOf(select);
    }

    /** A query of every run matching the filters, in the API's own order. */
    public RunQuery(Long testId, List<Long> ids, String publicId, List<String> select) {
        this(testId, ids, publicId, select, null);
    }

    public static RunQuery ofTest(long testId) {
        return new RunQuery(testId, List.of(), null, List.of());
    }

    /** The runs of a test created at or after {@code createdAfter}, newest first. */
    public static RunQuery recentOfTest(long testId, Instant createdAfter) {
        return new RunQuery(testId, List.of(), null, List.of(), java.util.Objects.requireNonNull(createdAfter));
    }

    /** The same query with {@code $select} fields. */
    public RunQuery withSelect(List<String> fields) {
        return new RunQuery(testId, ids, publicId, fields, createdAfter);
    }

    /** Whether {@code run} is at or after {@link #createdAfter()} (always, without a bound; never, without a created time). */
    public boolean inTimeRange(TestRun run) {
        return createdAfter == null || (run.created() != null && !run.created().isBefore(createdAfter));
    }
}
