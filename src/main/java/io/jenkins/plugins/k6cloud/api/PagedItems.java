package io.jenkins.plugins.k6cloud.api;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The items of a paged list, as the v2 and v6 clients gather them: items without an id are
 * skipped, duplicates are dropped, and items failing {@code inRange} (older than a newest-first
 * query's bound) are dropped and end the paging.
 */
final class PagedItems<T> {
    private final Map<Long, T> items = new LinkedHashMap<>();
    private final Function<JsonObject, T> mapper;
    private final ToLongFunction<T> id;
    private final Predicate<T> inRange;

    PagedItems(Function<JsonObject, T> mapper, ToLongFunction<T> id, Predicate<T> inRange) {
        this.mapper = mapper;
        this.id = id;
        this.inRange = inRange;
    }

    /**
     * Adds one page. Returns {@code false} when reading on is pointless: the page is empty, brings
     * nothing new (a server ignoring the page parameter) or reaches past the range.
     */
    boolean add(List<JsonObject> page) {
        int before = items.size();
        boolean outOfRange = false;
        for (JsonObject o : page) {
            T item = mapper.apply(o);
            if (item != null && !inRange.test(item)) {
                outOfRange = true;
            } else if (item != null) {
                items.putIfAbsent(id.applyAsLong(item), item);
            }
        }
        return !page.isEmpty() && !outOfRange && items.size() > before;
    }

    List<T> list() {
        return new ArrayList<>(items.values());
    }
}
