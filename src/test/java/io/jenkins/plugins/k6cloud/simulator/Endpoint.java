package io.jenkins.plugins.k6cloud.simulator;

/** What a request to the simulator was for; faults and journal queries are targeted by endpoint. */
public enum Endpoint {
    /** {@code POST /loadtests/v2/tests/{id}/start-testrun}, v6 {@code POST /cloud/v6/load_tests/{id}/start} */
    START,
    /** {@code GET /loadtests/v2/runs/{id}}, v6 {@code GET /cloud/v6/test_runs/{id}} */
    READ,
    /** {@code GET /loadtests/v2/runs}, v6 {@code GET /cloud/v6/[load_tests/{id}/]test_runs} */
    LIST,
    /** {@code POST /loadtests/v2/runs/{id}/stop}, v6 {@code POST /cloud/v6/test_runs/{id}/abort} */
    STOP,
    /** {@code GET /loadtests/v2/thresholds?test_run_id=} */
    THRESHOLDS,
    /** {@code GET /cloud/v5/test_runs({id})/result_summary}: the metrics summary ({@code Token}, both flavours) */
    METRICS,
    /** {@code GET /loadtests/v4/test_runs({id})/checks}: the checks of a run ({@code Token}, both flavours) */
    CHECKS,
    /** {@code GET /loadtests/v2/tests[/{id}]}, v6 {@code GET /cloud/v6/load_tests[/{id}]} */
    TESTS,
    /** {@code GET /v3/organizations}, v6 {@code GET /cloud/v6/projects}: the token check, the default project */
    TOKEN,
    /** v6 {@code GET /cloud/v6/projects/{id}/load_tests[?name=]}: a load test found by name */
    FIND_TEST,
    /** v6 {@code POST /cloud/v6/projects/{id}/load_tests}: a load test created with its script (multipart) */
    CREATE_TEST,
    /** v6 {@code PUT /cloud/v6/load_tests/{id}/script}: a load test's script replaced */
    SCRIPT,
    /** v6 {@code PATCH /cloud/v6/test_runs/{id}}: a run's note */
    NOTE,
    /** {@code GET /app/runs/{id}}, the simulated web app page (no auth) */
    WEB_APP,
    /** A path the simulator does not serve (answered 404) */
    UNKNOWN
}
