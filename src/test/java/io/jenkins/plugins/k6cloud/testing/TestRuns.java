package io.jenkins.plugins.k6cloud.testing;

import io.jenkins.plugins.k6cloud.api.TestRun;

/** Copies of a run with one part changed, as tests rewrite what k6 Cloud answered. */
public final class TestRuns {
    private TestRuns() {}

    public static TestRun withStatus(TestRun r, Integer runStatus, Integer processingStatus) {
        return copy(r, runStatus, processingStatus, r.webUrl());
    }

    public static TestRun withWebUrl(TestRun r, String url) {
        return copy(r, r.runStatusCode(), r.processingStatusCode(), url);
    }

    private static TestRun copy(TestRun r, Integer runStatus, Integer processingStatus, String url) {
        return new TestRun(
                r.id(),
                r.testId(),
                runStatus,
                processingStatus,
                r.resultStatusCode(),
                r.created(),
                r.started(),
                r.ended(),
                r.vus(),
                r.durationSeconds(),
                r.errorCode(),
                r.errorDetail(),
                url,
                r.statusText());
    }
}
