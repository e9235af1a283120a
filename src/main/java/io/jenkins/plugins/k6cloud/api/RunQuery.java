package io.jenkins.plugins.k6cloud.api;

import java.util.List;

/**
 * The filters of the list-runs endpoint ({@code GET /loadtests/v2/runs}). Empty lists and
 * {@code null} mean "not sent".
 *
 * @param testId runs of this load test ({@code test_id})
 * @param ids only these runs ({@code ids[]})
 * @param publicId the run with this public id ({@code public_id})
 * @param select the fields to return ({@code $select}); empty for all
 */
public record RunQuery(Long testId, List<Long> ids, String publicId, List<String> select) {
    public RunQuery {
        ids = ids == null ? List.of() : List.copyOf(ids);
        select = select == null ? List.of() : List.copyOf(select);
    }

    public static RunQuery ofTest(long testId) {
        return new RunQuery(testId, List.of(), null, List.of());
    }
}
