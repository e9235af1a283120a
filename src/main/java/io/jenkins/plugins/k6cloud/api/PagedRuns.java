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
 * The runs of a paged list, as both flavours gather them: runs without an id are skipped,
 * duplicates are dropped, and runs created before {@code createdAfter} are dropped. Such a run ends
 * the paging only when the list is known to come newest first ({@code newestFirst}: v6 documents
 * {@code $orderby}); v2 documents no ordering by creation, so a server that ignores it (oldest
 * first) must not hide the newest runs.
 */
final class PagedRuns {
    private final Map<Long, TestRun> runs = new LinkedHashMap<>();
    private final Function<JsonObject, TestRun> mapper;
    private final Instant createdAfter;
    private final boolean newestFirst;
    /** Every id read, in range or not: a page with none new means the server ignores the paging. */
    private final Set<Long> seen = new HashSet<>();

    /**
     * @param mapper reads a run, {@code null} when it has no id
     * @param createdAfter the oldest creation time kept, or {@code null} for every run
     */
    PagedRuns(Function<JsonObject, TestRun> mapper, Instant createdAfter, boolean newestFirst) {
        this.mapper = mapper;
        this.createdAfter = createdAfter;
        this.newestFirst = newestFirst;
    }

    /**
     * Adds one page. Returns {@code false} when reading on is pointless: the page is empty, brings
     * nothing new (a server ignoring the page parameter), or, newest first, reaches past the range.
     */
    boolean add(List<JsonObject> page) {
        boolean outOfRange = false;
        boolean fresh = false;
        for (JsonObject o : page) {
            TestRun run = mapper.apply(o);
            if (run == null) {
                continue;
            }
            fresh |= seen.add(run.id());
            if (createdAfter != null && (run.created() == null || run.created().isBefore(createdAfter))) {
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
