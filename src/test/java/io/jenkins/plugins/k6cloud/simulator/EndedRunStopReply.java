package io.jenkins.plugins.k6cloud.simulator;

/**
 * What {@code POST /loadtests/v2/runs/{id}/stop} answers for a run that has already ended. The
 * real behaviour is undocumented, so tests can try each.
 */
public enum EndedRunStopReply {
    /** 400 {@code {"error":{"message":"Test run is not running.","code":2}}} (the default). */
    BAD_REQUEST_400,
    /** 200 with the run, as if the stop were accepted. */
    OK_200,
    /** 409 {@code {"error":{"message":"Test run is not running.","code":4}}}, like v6's abort. */
    CONFLICT_409
}
