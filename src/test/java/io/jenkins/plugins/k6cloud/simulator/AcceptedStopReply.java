package io.jenkins.plugins.k6cloud.simulator;

/** What {@code POST /loadtests/v2/runs/{id}/stop} answers when it accepts the stop (undocumented too). */
public enum AcceptedStopReply {
    /** 200 {@code {"k6-run":{...}}} (the default). */
    OK_WITH_RUN,
    /** 200 {@code {}}. */
    OK_EMPTY,
    /** 204 without a body. */
    NO_CONTENT
}
