package io.jenkins.plugins.k6cloud.simulator;

import java.time.Instant;
import java.util.regex.Matcher;

/** One request being handled by a {@link Route}: the request, the path match, the time, and what to journal. */
final class RouteCall {
    private final SimRequest request;
    private final Matcher path;
    private final Instant now;
    private final Fault fault;
    private Long testId;
    private Long runId;

    RouteCall(SimRequest request, Matcher path, Instant now, Fault fault) {
        this.request = request;
        this.path = path;
        this.now = now;
        this.fault = fault;
    }

    SimRequest request() {
        return request;
    }

    /** Path group {@code n} parsed as a long id, or -1 when it does not fit a long. */
    long pathId(int n) {
        try {
            return Long.parseLong(path.group(n));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether path group {@code n} matched (an optional group may not). */
    /** The simulator clock when the request arrived. */
    Instant now() {
        return now;
    }

    /** The fault armed for this request, or {@code null}. */
    Fault fault() {
        return fault;
    }

    void about(Long testId, Long runId) {
        this.testId = testId;
        this.runId = runId;
    }

    Long testId() {
        return testId;
    }

    Long runId() {
        return runId;
    }
}
