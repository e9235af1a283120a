package io.jenkins.plugins.k6cloud.builder;

import hudson.model.Result;
import io.jenkins.plugins.k6cloud.engine.BuildResult;

/** Maps the engine's {@link BuildResult} to Jenkins' {@link Result}. */
public final class Results {
    private Results() {}

    public static Result of(BuildResult r) {
        switch (r) {
            case SUCCESS:
                return Result.SUCCESS;
            case UNSTABLE:
                return Result.UNSTABLE;
            case ABORTED:
                return Result.ABORTED;
            default:
                return Result.FAILURE;
        }
    }
}
