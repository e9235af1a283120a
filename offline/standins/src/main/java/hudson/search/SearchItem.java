package hudson.search;

/** Stand-in of jenkins-core's {@code hudson.search.SearchItem}. */
public interface SearchItem {
    String getSearchName();

    String getSearchUrl();

    SearchIndex getSearchIndex();
}
