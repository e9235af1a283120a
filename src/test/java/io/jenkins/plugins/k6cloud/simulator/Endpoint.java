package io.jenkins.plugins.k6cloud.simulator;

/** What a request to the simulator was for; faults and journal queries are targeted by endpoint. */
public enum Endpoint {
    /** {@code POST /loadtests/v2/tests/{id}/start-testrun} */
    START,
    /** {@code GET /loadtests/v2/runs/{id}} */
    READ,
    /** {@code GET /loadtests/v2/runs} */
    LIST,
    /** {@code POST /loadtests/v2/runs/{id}/stop} */
    STOP,
    /** {@code GET /loadtests/v2/thresholds?test_run_id=} */
    THRESHOLDS,
    /** {@code GET /loadtests/v2/tests} and {@code GET /loadtests/v2/tests/{id}} */
    TESTS,
    /** {@code GET /v3/organizations}, the token check */
    TOKEN,
    /** {@code GET /app/runs/{id}}, the simulated web app page (no auth) */
    WEB_APP,
    /** A path the simulator does not serve (answered 404) */
    UNKNOWN
}
