package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Grafana Cloud k6 REST API v6 ({@code /cloud/v6}): {@code Authorization: Bearer <t>} (scheme
 * case-insensitive) and {@code X-Stack-Id} equal to the simulator's stack id on every route, string
 * error codes. A token given with the {@code Token} scheme is refused like an invalid one. Its
 * routes, each with the handler below it; its errors are {@link SimFlavour}'s.
 */
final class V6Flavour implements SimFlavour {
    static final String PREFIX = "/cloud/v6/";
    private static final String IDEMPOTENCY_KEY = "K6-Idempotency-Key";
    private static final int MAX_NAME_LENGTH = 300;

    private final SimCore core;
    private final List<Route> routes;

    V6Flavour(SimCore core) {
        this.core = core;
        this.routes = List.of(
                Route.ofTest(
                        core,
                        Endpoint.START,
                        "POST",
                        "/cloud/v6/load_tests/(\\d+)/start/?",
                        V6Errors::notFound,
                        V6Flavour::checkIdempotencyKey,
                        this::startRun),
                Route.ofRun(
                        core,
                        Endpoint.READ,
                        "GET",
                        "/cloud/v6/test_runs/(\\d+)/?",
                        V6Errors::notFound,
                        (run, call) ->
                                SimResponse.json(200, V6Json.run(run, run.stateAt(call.now()), call.now(), null))),
                Route.of(Endpoint.LIST, "GET", "/cloud/v6/load_tests/(\\d+)/test_runs/?", this::listRuns),
                Route.ofStop(
                        core,
                        "/cloud/v6/test_runs/(\\d+)/abort/?",
                        V6Errors::notFound,
                        (run, call) -> SimResponse.noContent(),
                        (run, call) -> V6Errors.error(409, V6Errors.CONFLICT, "Cannot abort a non-running test.")),
                Route.ofTest(
                        core,
                        Endpoint.TESTS,
                        "GET",
                        "/cloud/v6/load_tests/(\\d+)/?",
                        V6Errors::notFound,
                        call -> {},
                        (test, call) -> SimResponse.json(200, V6Json.loadTest(test))),
                Route.of(Endpoint.TOKEN, "GET", "/cloud/v6/projects/?", call -> projects()),
                Route.of(Endpoint.FIND_TEST, "GET", "/cloud/v6/projects/(\\d+)/load_tests/?", this::findLoadTests),
                Route.of(Endpoint.CREATE_TEST, "POST", "/cloud/v6/projects/(\\d+)/load_tests/?", this::createLoadTest),
                Route.ofTest(
                        core,
                        Endpoint.SCRIPT,
                        "PUT",
                        "/cloud/v6/load_tests/(\\d+)/script/?",
                        V6Errors::notFound,
                        call -> {},
                        this::replaceScript),
                Route.ofRun(
                        core,
                        Endpoint.NOTE,
                        "PATCH",
                        "/cloud/v6/test_runs/(\\d+)/?",
                        V6Errors::notFound,
                        this::setNote));
    }

    /** {@code K6-Idempotency-Key}, when sent, has 1 to 36 characters. */
    private static void checkIdempotencyKey(RouteCall call) {
        String key = call.request().header(IDEMPOTENCY_KEY);
        if (key != null && (key.isEmpty() || key.length() > 36)) {
            throw new BadRequestException(IDEMPOTENCY_KEY + " must have 1 to 36 characters.");
        }
    }

    /**
     * {@code POST /cloud/v6/load_tests/{id}/start}: creates a run, 200 with the run and its {@code
     * test_run_details_page_url}.
     */
    private SimResponse startRun(LoadTestSpec test, RouteCall call) {
        String key = call.request().header(IDEMPOTENCY_KEY);
        String stack = call.request().header("X-Stack-Id");
        SimRun run = core.idempotencyKeys.runFor(
                key, test.id(), call.now(), () -> core.store.startRun(test, call.now(), stack));
        call.about(test.id(), run.id());
        RunState st = run.stateAt(call.now());
        return SimResponse.json(200, V6Json.run(run, st, call.now(), core.webAppUrl() + "/runs/" + run.id()));
    }

    /**
     * {@code GET /cloud/v6/load_tests/{id}/test_runs}, paged with {@code
     * $top}/{@code $skip}/{@code @nextLink}, ordered by {@code $orderby} ({@code created} or {@code id}, optionally
     * {@code asc}/{@code desc}; default ascending id), filtered by {@code created_after} (runs created at or after it).
     */
    private SimResponse listRuns(RouteCall call) {
        long testId = call.pathId(1);
        call.about(testId, null);
        if (core.store.test(testId) == null) {
            return V6Errors.notFound();
        }
        List<SimRun> runs = new ArrayList<>(core.store.runsOf(testId));
        Instant after = createdAfter(call.request().param("created_after"));
        runs.removeIf(r -> after != null && r.created().isBefore(after));
        runs.sort(runOrder(call.request().param("$orderby")));
        List<JsonObject> all = new ArrayList<>();
        for (SimRun r : runs) {
            all.add(V6Json.run(r, r.stateAt(call.now()), call.now(), null));
        }
        return SimResponse.json(200, V6Json.page(core, call.request(), all));
    }

    private static Instant createdAfter(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException("created_after must be an ISO 8601 date-time, not \"" + text + "\".");
        }
    }

    private static Comparator<SimRun> runOrder(String orderBy) {
        if (orderBy == null || orderBy.isBlank()) {
            return Comparator.comparingLong(SimRun::id);
        }
        String[] parts = orderBy.strip().split("\\s+");
        boolean desc = parts.length == 2 && parts[1].equalsIgnoreCase("desc");
        if (parts.length > 2 || (parts.length == 2 && !desc && !parts[1].equalsIgnoreCase("asc"))) {
            throw new BadRequestException("$orderby must be a field and asc or desc, not \"" + orderBy + "\".");
        }
        Comparator<SimRun> c =
                switch (parts[0]) {
                    case "id" -> Comparator.comparingLong(SimRun::id);
                    case "created" -> Comparator.comparing(SimRun::created).thenComparingLong(SimRun::id);
                    default ->
                        throw new BadRequestException("$orderby must order by id or created, not \"" + orderBy + "\".");
                };
        return desc ? c.reversed() : c;
    }

    /** {@code GET /cloud/v6/projects/{id}/load_tests[?name=]}, paged; 404 for another project. */
    private SimResponse findLoadTests(RouteCall call) {
        if (call.pathId(1) != RunStore.PROJECT_ID) {
            return V6Errors.notFound();
        }
        String name = call.request().param("name");
        List<JsonObject> all = new ArrayList<>();
        for (LoadTestSpec t : core.store.tests()) {
            if (name == null || name.equals(t.name())) {
                all.add(V6Json.loadTest(t));
            }
        }
        if (name != null && all.size() == 1) {
            call.about(all.get(0).get("id").getAsLong(), null);
        }
        return SimResponse.json(200, V6Json.page(core, call.request(), all));
    }

    /** {@code GET /cloud/v6/projects}: the one project of the stack; the plugin's v6 token check. */
    private static SimResponse projects() {
        return SimResponse.json(200, """
                {"value": [{"id": %d, "name": "Default project", "is_default": true, "grafana_folder_uid": "sim-folder",
                "created": "2024-12-03T09:53:00.553", "updated": "2024-12-03T09:53:00.553", "labels": {}}]}""".formatted(RunStore.PROJECT_ID));
    }

    /**
     * {@code POST /cloud/v6/projects/{id}/load_tests}, {@code multipart/form-data} with {@code name} and the file part
     * {@code script}: 201 with the new test, which plays the upload scenario; 409 when the name is taken in the
     * project; 400 for a name of more than 300 characters or a script that is neither a k6 {@code .tar} archive nor
     * UTF-8 text; 413 for a script larger than the limit; 404 for another project.
     */
    private SimResponse createLoadTest(RouteCall call) {
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

    /**
     * {@code PUT /cloud/v6/load_tests/{id}/script} with the script's bytes: 204; 400 for a script that is neither a k6
     * {@code .tar} archive nor UTF-8 text; 413 for one larger than the limit.
     */
    private SimResponse replaceScript(LoadTestSpec test, RouteCall call) {
        SimRequest req = call.request();
        if (req.bodySize() > core.maxScriptBytes) {
            return V6Scripts.tooLarge();
        }
        V6Scripts.check(req.body());
        core.journal.uploaded(
                new UploadRecord(call.now(), test.id(), test.name(), false, null, req.bodySize(), req.bodySha256()));
        return SimResponse.noContent();
    }

    /**
     * {@code PATCH /cloud/v6/test_runs/{id}} {@code {"note": "..."}} ({@code PatchTestRunApiModel}: only {@code note},
     * required): 204 and the run's note is set; 400 for any other body.
     */
    private SimResponse setNote(SimRun run, RouteCall call) {
        JsonObject body;
        try {
            JsonElement e = JsonParser.parseString(new String(call.request().body(), StandardCharsets.UTF_8));
            body = e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            body = null;
        }
        JsonElement note = body == null ? null : body.get("note");
        if (note == null
                || !note.isJsonPrimitive()
                || !note.getAsJsonPrimitive().isString()
                || body.size() != 1) {
            throw new BadRequestException("The body must be {\"note\": \"...\"} and nothing else.");
        }
        run.note(note.getAsString());
        return SimResponse.noContent();
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    @Override
    public boolean owns(String path) {
        return path.startsWith(PREFIX);
    }

    @Override
    public AuthResult authenticate(SimRequest request) {
        AuthResult token = SimFlavour.checkAuthorization(request, "Bearer", core.tokens);
        if (!token.valid()) {
            return token;
        }
        String stack = request.header("X-Stack-Id");
        if (stack == null || stack.isBlank()) {
            return AuthResult.STACK_MISSING;
        }
        return stack.strip().equals(Long.toString(core.stackId())) ? AuthResult.VALID : AuthResult.STACK_DENIED;
    }
}
