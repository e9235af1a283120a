package io.jenkins.plugins.k6cloud.simulator;

/**
 * {@code POST /cloud/v6/projects/{id}/load_tests}, {@code multipart/form-data} with {@code name} and
 * the file part {@code script}: 201 with the new test, which plays the upload scenario; 409 when
 * the name is taken in the project; 400 for a name of more than 300 characters or a script that is
 * neither a k6 {@code .tar} archive nor UTF-8 text; 413 for a script larger than the limit; 404 for
 * another project.
 */
final class V6CreateLoadTestRoute extends AbstractRoute {
    static final int MAX_NAME_LENGTH = 300;

    private final SimCore core;

    V6CreateLoadTestRoute(SimCore core) {
        super(Endpoint.CREATE_TEST, "POST", "/cloud/v6/projects/(\\d+)/load_tests/?");
        this.core = core;
    }

    @Override
    public SimResponse handle(RouteCall call) {
        SimRequest req = call.request();
        if (req.bodySize() > core.maxScriptBytes) {
            return V6Scripts.tooLarge();
        }
        Multipart form = Multipart.parse(req.header("Content-Type"), req.body());
        Multipart.Part name = form.part("name");
        if (name == null || name.fileName() != null || name.text().isBlank()) {
            throw new BadRequestException("name: This field is required.");
        }
        String testName = name.text();
        if (testName.codePointCount(0, testName.length()) > MAX_NAME_LENGTH) {
            throw new BadRequestException("name: Ensure this field has no more than 300 characters.");
        }
        Multipart.Part script = form.part("script");
        if (script != null) {
            V6Scripts.check(script.data());
        }
        if (call.pathId(1) != RunStore.PROJECT_ID) {
            return V6Errors.notFound();
        }
        LoadTestSpec test = core.store.createTest(testName, core.uploadScenario, call.now());
        if (test == null) {
            return V6Errors.error(409, V6Errors.CONFLICT, "The name is already taken.");
        }
        call.about(test.id(), null);
        if (script != null) {
            core.journal.uploaded(new UploadRecord(
                    call.now(),
                    test.id(),
                    testName,
                    true,
                    script.fileName(),
                    script.data().length,
                    V6Scripts.sha256(script.data())));
        }
        return SimResponse.json(201, V6Json.loadTest(test));
    }
}
