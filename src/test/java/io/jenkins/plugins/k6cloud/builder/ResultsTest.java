package io.jenkins.plugins.k6cloud.builder;

import static org.junit.Assert.assertEquals;
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
            assertEquals(r.name(), K6CloudBuilder.result(r).toString());
        }
    }

    @Test
    public void verdictsMapAsTheUserChose() {
        assertSame(Result.SUCCESS, K6CloudBuilder.result(Verdict.PASSED.buildResult(BuildResult.FAILURE)));
        assertSame(Result.UNSTABLE, K6CloudBuilder.result(Verdict.THRESHOLDS_FAILED.buildResult(BuildResult.UNSTABLE)));
        assertSame(Result.FAILURE, K6CloudBuilder.result(Verdict.THRESHOLDS_FAILED.buildResult(BuildResult.FAILURE)));
        assertSame(Result.FAILURE, K6CloudBuilder.result(Verdict.TIMED_OUT.buildResult(BuildResult.UNSTABLE)));
        assertSame(Result.ABORTED, K6CloudBuilder.result(Verdict.CANCELLED.buildResult(BuildResult.FAILURE)));
        // what the builder relies on: only SUCCESS and UNSTABLE let the build go on
        assertTrue(K6CloudBuilder.result(BuildResult.UNSTABLE).isBetterThan(Result.FAILURE));
        assertTrue(K6CloudBuilder.result(BuildResult.ABORTED).isWorseThan(Result.FAILURE));
    }
}
