package io.jenkins.plugins.k6cloud.api;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The items of a paged list, as the v2 and v6 clients gather them: items without an id are
 * skipped, duplicates are dropped, and items failing {@code inRange} (older than a recent-runs
 * query's bound) are dropped. Such an item ends the paging only when the list is known to come
 * newest first ({@code newestFirst}: v6 documents {@code $orderby}); v2 documents no ordering by
 * creation, so a server that ignores it (oldest first) must not hide the newest runs.
 */
final class PagedItems<T> {
    private final Map<Long, T> items = new LinkedHashMap<>();
    private final Function<JsonObject, T> mapper;
    private final ToLongFunction<T> id;
    private final Predicate<T> inRange;
    private final boolean newestFirst;
    /** Every id read, in range or not: a page with none new means the server ignores {@code page}. */
    private final Set<Long> seen = new HashSet<>();

    PagedItems(Function<JsonObject, T> mapper, ToLongFunction<T> id, Predicate<T> inRange, boolean newestFirst) {
        this.mapper = mapper;
        this.id = id;
        this.inRange = inRange;
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
            T item = mapper.apply(o);
            if (item == null) {
                continue;
            }
            fresh |= seen.add(id.applyAsLong(item));
            if (!inRange.test(item)) {
                outOfRange = true;
            } else {
                items.putIfAbsent(id.applyAsLong(item), item);
            }
        }
        return !page.isEmpty() && !(newestFirst && outOfRange) && fresh;
    }

    /** Whether {@code run} was created at or after {@code createdAfter} (always, without a bound; never, without a created time). */
    static boolean createdSince(TestRun run, java.time.Instant createdAfter) {
        return createdAfter == null || (run.created() != null && !run.created().isBefore(createdAfter));
    }

    List<T> list() {
        return new ArrayList<>(items.values());
    }
}
