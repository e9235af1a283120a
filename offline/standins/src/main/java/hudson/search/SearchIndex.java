package hudson.search;

import java.util.List;

/** Stand-in of jenkins-core's {@code hudson.search.SearchIndex}. */
public interface SearchIndex {
    void find(String token, List<SearchItem> result);

    void suggest(String token, List<SearchItem> result);
}
