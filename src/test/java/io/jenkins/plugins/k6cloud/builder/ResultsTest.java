package io.jenkins.plugins.k6cloud.builder;

import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.k6cloud.engine.BuildResult;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import org.junit.Test;

public class ResultsTest {
    @Test
    public void everyBuildResultMapsToTheJenkinsResultOfTheSameName() {
        for (BuildResult r : BuildResult.values()) {
            assertSame(Result.fromString(r.name()), Results.of(r));
        }
    }

    @Test
    public void verdictsMapAsTheUserChose() {
        assertSame(Result.SUCCESS, Results.of(Verdict.PASSED.buildResult(BuildResult.FAILURE)));
        assertSame(Result.UNSTABLE, Results.of(Verdict.THRESHOLDS_FAILED.buildResult(BuildResult.UNSTABLE)));
        assertSame(Result.FAILURE, Results.of(Verdict.THRESHOLDS_FAILED.buildResult(BuildResult.FAILURE)));
        assertSame(Result.FAILURE, Results.of(Verdict.TIMED_OUT.buildResult(BuildResult.UNSTABLE)));
        assertSame(Result.ABORTED, Results.of(Verdict.CANCELLED.buildResult(BuildResult.FAILURE)));
        // what the builder relies on: only SUCCESS and UNSTABLE let the build go on
        assertTrue(Results.of(BuildResult.UNSTABLE).isBetterThan(Result.FAILURE));
        assertTrue(Results.of(BuildResult.ABORTED).isWorseThan(Result.FAILURE));
    }
}
