package io.jenkins.plugins.k6cloud.api;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What differs between the APIs {@link HttpK6CloudClient} speaks: authorization, paths and the JSON
 * mapping. Start, stop and the token check are sent by the client; reads go through a {@link Call}.
 */
abstract sealed class FlavourApi permits V2Api, V6Api {
    final String authScheme;
    final String webApp;
    /** Whether a start sent again with the same {@code K6-Idempotency-Key} returns the first run (v6). */
    final boolean resendsStartSafely;
    /** The status of a stop refused because the run had ended (v6: 409); 0 when the API has none. */
    final int stopRefusedWhenEnded;

    FlavourApi(String authScheme, String webApp, boolean resendsStartSafely, int stopRefusedWhenEnded) {
        this.authScheme = authScheme;
        this.webApp = webApp;
        this.resendsStartSafely = resendsStartSafely;
        this.stopRefusedWhenEnded = stopRefusedWhenEnded;
    }

    @FunctionalInterface
    interface Call {
        ApiResponse send(ApiRequest request) throws K6CloudException;
    }

    abstract ApiRequest startRun(long testId);

    /** {@code null} when the answer has no readable run id. */
    abstract TestRun startedRun(ApiResponse answer) throws K6CloudException;

    abstract ApiRequest stopRun(long runId);

    abstract ApiRequest checkToken();

    abstract TestRun getRun(Call call, long runId) throws K6CloudException;

    abstract List<Threshold> getThresholds(Call call, long runId) throws K6CloudException;

    abstract LoadTest getLoadTest(Call call, long testId) throws K6CloudException;

    abstract List<TestRun> listRuns(Call call, long testId, Instant createdAfter) throws K6CloudException;

    /**
     * The runs of a paged list, without duplicates and those created before {@code createdAfter}. An
     * older run ends the paging only when the list is documented newest first (v6's {@code $orderby}).
     */
    static final class PagedRuns {
        private final Map<Long, TestRun> runs = new LinkedHashMap<>();
        private final Set<Long> seen = new HashSet<>();
        private final Function<JsonObject, TestRun> mapper;
        private final Instant createdAfter;
        private final boolean newestFirst;

        PagedRuns(Function<JsonObject, TestRun> mapper, Instant createdAfter, boolean newestFirst) {
            this.mapper = mapper;
            this.createdAfter = createdAfter;
            this.newestFirst = newestFirst;
        }

        /** {@code false} when reading on is pointless: an empty page, one with nothing new, or past the range. */
        boolean add(List<JsonObject> page) {
            boolean outOfRange = false;
            boolean fresh = false;
            for (JsonObject o : page) {
                TestRun run = mapper.apply(o);
                if (run == null) {
                    continue;
                }
                fresh |= seen.add(run.id());
                if (createdAfter != null
                        && (run.created() == null || run.created().isBefore(createdAfter))) {
                    outOfRange = true;
                } else {
                    runs.putIfAbsent(run.id(), run);
                }
            }
            return !page.isEmpty() && !(newestFirst && outOfRange) && fresh;
        }

        List<TestRun> list() {
            return new ArrayList<>(runs.values());
        }
    }
}
