package io.jenkins.plugins.k6cloud.simulator;

/** {@code GET /app/runs/{id}}: a one-line HTML page standing in for the k6 web app (no token needed). */
final class WebAppRunPageRoute extends AbstractRoute {
    private final SimCore core;

    WebAppRunPageRoute(SimCore core) {
        super(Endpoint.WEB_APP, "GET", "/app/runs/(\\d+)/?");
        this.core = core;
    }

    @Override
    public boolean requiresAuth() {
        return false;
    }

    @Override
    public SimResponse handle(RouteCall call) {
        long runId = call.pathId(1);
        SimRun run = core.store.run(runId);
        if (run == null) {
            call.about(null, runId);
            return SimResponse.text(404, "text/html; charset=utf-8", "<html><body>No run " + runId + "</body></html>");
        }
        call.about(run.test().id(), runId);
        RunState st = run.stateAt(call.now());
        String line = "k6 Cloud simulator: run " + runId + " of load test \""
                + escape(run.test().name())
                + "\" (scenario " + run.scenario().name() + "): run_status " + st.runStatus() + ", processing_status "
                + st.processingStatus() + ", result_status " + st.resultStatus();
        return SimResponse.text(200, "text/html; charset=utf-8", "<html><body>" + line + "</body></html>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
