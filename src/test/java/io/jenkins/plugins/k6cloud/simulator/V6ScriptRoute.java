package io.jenkins.plugins.k6cloud.simulator;

/**
 * {@code PUT /cloud/v6/load_tests/{id}/script} with the script's bytes: 204; 400 for a script that is
 * neither a k6 {@code .tar} archive nor UTF-8 text; 413 for one larger than the limit.
 */
final class V6ScriptRoute extends TestRoute {
    V6ScriptRoute(SimCore core) {
        super(core, Endpoint.SCRIPT, "PUT", "/cloud/v6/load_tests/(\\d+)/script/?", V6Errors::notFound);
    }

    @Override
    SimResponse handle(LoadTestSpec test, RouteCall call) {
        SimRequest req = call.request();
        if (req.bodySize() > core.maxScriptBytes) {
            return V6Scripts.tooLarge();
        }
        V6Scripts.check(req.body());
        core.journal.uploaded(
                new UploadRecord(call.now(), test.id(), test.name(), false, null, req.bodySize(), req.bodySha256()));
        return SimResponse.noContent();
    }
}
