package hudson.search;

/** Stand-in of jenkins-core's {@code hudson.search.Search} (named by {@code Item}). */
public class Search {}
