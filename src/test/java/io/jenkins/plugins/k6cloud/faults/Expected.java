package io.jenkins.plugins.k6cloud.faults;

import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import java.time.Duration;

/**
 * What a row must end with: the verdict ({@link Verdict} name, or {@value #REJECTED} for input refused before anything
 * is sent), the build result, and the most virtual time it may take.
 */
record Expected(String verdict, BuildResult buildResult, Duration virtualBound) {
    /** The input was refused with a message; the build fails (the CLI exits with 2). */
    static final String REJECTED = "REJECTED";

    static final Duration DEFAULT_BOUND = Duration.ofMinutes(5);

    static Expected verdict(Verdict v) {
        return new Expected(v.name(), v.buildResult(BuildResult.FAILURE), DEFAULT_BOUND);
    }

    static Expected rejected() {
        return new Expected(REJECTED, BuildResult.FAILURE, DEFAULT_BOUND);
    }

    Expected within(Duration bound) {
        return new Expected(verdict, buildResult, bound);
    }

    @Override
    public String toString() {
        return verdict + " (build " + buildResult + ", within " + virtualBound.toSeconds() + " s virtual)";
    }
}
