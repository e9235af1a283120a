package hudson;

/** Stand-in of jenkins-core's {@code hudson.FilePath} (named by {@link Launcher}'s abstract methods). */
public final class FilePath {
    private FilePath() {}
}
