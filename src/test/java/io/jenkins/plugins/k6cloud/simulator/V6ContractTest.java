package io.jenkins.plugins.k6cloud.simulator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.LoadTest;
import io.jenkins.plugins.k6cloud.api.RetryPolicy;
import io.jenkins.plugins.k6cloud.testing.InMemoryScript;
import io.jenkins.plugins.k6cloud.testing.ManualClock;
import io.jenkins.plugins.k6cloud.testing.SimulatorRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;

/**
 * The contract check: the v6 client plays every v6 flow the plugin has against the simulator, and every journaled
 * request and answer must conform to the published schema, Grafana's {@code k6-cloud-openapi-v6.yaml} (named by the
 * system property {@value #SCHEMA_PROPERTY}; the offline build passes {@code ../shared/k6-cloud-openapi-v6.yaml}).
 */
public class V6ContractTest {
    @Rule
    public final SimulatorRule simulator = new SimulatorRule();

    static final String SCHEMA_PROPERTY = "k6.openapi.v6";
    static final Path SUMMARY = Path.of("target", "contract-summary.txt");

    /** The v6 operations the plugin calls: all of them must be exercised. */
    static final Set<String> OPERATIONS = Set.of(
            "GET /cloud/v6/projects",
            "GET /cloud/v6/projects/{id}/load_tests",
            "POST /cloud/v6/projects/{id}/load_tests",
            "PUT /cloud/v6/load_tests/{id}/script",
            "GET /cloud/v6/load_tests/{id}",
            "POST /cloud/v6/load_tests/{id}/start",
            "GET /cloud/v6/load_tests/{id}/test_runs",
            "GET /cloud/v6/test_runs/{id}",
            "PATCH /cloud/v6/test_runs/{id}",
            "POST /cloud/v6/test_runs/{id}/abort");

    private static OpenApiContract contract;
    private static Path schema;

    @BeforeClass
    public static void loadSchema() throws Exception {
        String named = System.getProperty(SCHEMA_PROPERTY);
        assumeTrue(
                "-D" + SCHEMA_PROPERTY + " names no schema: the contract check runs in the offline build",
                named != null);
        schema = Path.of(named).normalize();
        if (!Files.isRegularFile(schema)) {
            fail(
                    "The Grafana Cloud k6 v6 schema is missing: " + schema + " (-D" + SCHEMA_PROPERTY
                            + "). The contract check needs ../shared/k6-cloud-openapi-v6.yaml beside the clone, as .ci/run has it.");
        }
        contract = OpenApiContract.load(schema);
    }

    @Test
    public void everyV6RequestAndAnswerConformsToThePublishedSchema() throws Exception {
        K6CloudSimulator sim = simulator.sim();
        ManualClock clock = simulator.clock;
        HttpK6CloudClient client = simulator.client(ApiFlavour.V6, o -> o.withRetryPolicy(RetryPolicy.noRetries()));
        byte[] js = "import http from 'k6/http';\nexport default function () { http.get('https://test.k6.io'); }\n"
                .getBytes(StandardCharsets.UTF_8);
        // tests as code: create, then find by name and replace; the note of a run
        client.checkToken();
        LoadTest test = client.uploadScript(null, "contract", new InMemoryScript("checkout.js", js));
        client.uploadScript(client.defaultProjectId(), "contract", new InMemoryScript("checkout.js", js));
        assertTrue(client.findLoadTest(test.projectId(), "no such test").isEmpty());
        K6CloudException rejected = assertThrows(
                K6CloudException.class,
                () -> client.uploadScript(
                        null, "binary", new InMemoryScript("data.bin", new byte[] {(byte) 0xc3, 0x28})));
        assertEquals(400, rejected.httpStatus());

        // a run of the uploaded test followed, noted, listed and stopped (204, then 409)
        Instant before = clock.instant();
        long runId = client.startRun(test.id()).id();
        client.setNote(runId, "Jenkins job app #42, https://ci.example.com/job/app/42/, commit 0a1b2c3");
        clock.advance(Duration.ofSeconds(15));
        client.getRun(runId);
        client.listRuns(test.id(), null);
        client.listRuns(test.id(), before);
        client.getLoadTest(test.id());
        client.stopRun(runId);
        client.stopRun(runId);

        // every outcome, read as it runs and at its end (the deliberately odd payloads are off-schema by design)
        for (Outcome o : Outcome.values()) {
            if (o == Outcome.ODD_PAYLOADS) {
                continue;
            }
            Scenario s = Scenarios.of(o);
            long id = client.startRun(sim.addLoadTest(s)).id();
            clock.advance(s.timings().untilRunning());
            client.getRun(id);
            clock.advance(s.timings().total());
            client.getRun(id);
        }

        // a run list of more than one page, followed by its @nextLink
        long many = sim.addLoadTest("many runs", Scenarios.passes());
        for (int i = 0; i <= 200; i++) {
            client.startRun(many);
        }
        assertEquals(201, client.listRuns(many, null).size());
        assertTrue(sim.journal().requests(Endpoint.LIST).stream().anyMatch(e -> "200".equals(e.param("$skip"))));

        // refusals: an unknown load test, a revoked token
        assertThrows(K6CloudException.NotFoundException.class, () -> client.getLoadTest(999_999));
        assertThrows(
                K6CloudException.AuthenticationException.class,
                () -> simulator.client(ApiFlavour.V6, "revoked-token", o -> o).checkToken());
        List<JournalEntry> journal = sim.journal().requests();

        List<String> problems = new ArrayList<>();
        Set<String> operations = new TreeSet<>();
        Set<String> paths = new TreeSet<>();
        int answers = 0;
        for (JournalEntry e : journal) {
            problems.addAll(contract.check(e));
            String template = contract.template(e.path());
            operations.add(e.method() + " " + template);
            paths.add(template);
            answers += e.answered() ? 1 : 0;
        }
        String line = "contract: " + journal.size() + " v6 requests and " + answers + " answers on " + paths.size()
                + " paths (" + operations.size() + " operations) conform to " + schema.getFileName();
        if (!problems.isEmpty()) {
            line = "contract: " + problems.size() + " of " + journal.size() + " v6 exchanges break "
                    + schema.getFileName() + ": " + problems.get(0);
        }
        Files.createDirectories(SUMMARY.getParent());
        Files.writeString(SUMMARY, line + System.lineSeparator());
        System.out.println(line);
        assertEquals("requests or answers that break the schema", List.of(), problems);
        assertTrue("operations not exercised: " + OPERATIONS, operations.containsAll(OPERATIONS));
    }

    @Test
    public void aRequestOrAnswerOffTheSchemaIsFound() {
        String v6 = "Bearer ****";
        List<String> problems = new ArrayList<>();
        // a body where start takes none, and a query parameter the list does not declare
        problems.addAll(check("POST /cloud/v6/load_tests/5/start", v6, "{}", 200, "application/json", "{}"));
        problems.addAll(check(
                "GET /cloud/v6/load_tests/5/test_runs?page=2", v6, "", 200, "application/json", "{\"value\":[]}"));
        // no X-Stack-Id, a Token scheme, an id that is not a number
        problems.addAll(check(
                "GET /cloud/v6/test_runs/abc",
                "Token ****",
                "",
                404,
                "application/json",
                "{\"error\":{\"message\":\"Not found.\",\"code\":\"not_found\"}}"));
        // an answer with labels as a list, and a status the operation does not document
        problems.addAll(check(
                "GET /cloud/v6/projects",
                v6,
                "",
                200,
                "application/json",
                "{\"value\":[{\"id\":1,\"name\":\"p\",\"is_default\":true,\"grafana_folder_uid\":null,"
                        + "\"created\":\"x\",\"updated\":\"x\",\"labels\":[]}]}"));
        problems.addAll(check("PUT /cloud/v6/load_tests/5/script", v6, "", 413, "text/html", "<html>413</html>"));
        String all = String.join("\n", problems);
        assertThat(all, containsString("a body (null, 2 bytes) where the operation declares none"));
        assertThat(all, containsString("the query parameter page is not declared"));
        assertThat(all, containsString("the required header parameter X-Stack-Id is missing"));
        assertThat(all, containsString("Authorization is not bearer"));
        assertThat(all, containsString("path parameter id"));
        assertThat(all, containsString("labels"));
        assertThat(problems, hasItem(containsString("413: an answer the schema does not document")));
    }

    /** The problems of one exchange: {@code "METHOD /path[?name=value]"}, with X-Stack-Id unless a Token scheme. */
    private static List<String> check(
            String request, String authorization, String body, int status, String responseType, String response) {
        String[] line = request.split("[ ?]");
        boolean bearer = authorization.startsWith("Bearer");
        Map<String, String> headers = bearer
                ? Map.of("authorization", authorization, "x-stack-id", "4242")
                : Map.of("authorization", authorization);
        Map<String, List<String>> params =
                line.length < 3 ? Map.of() : Map.of(line[2].split("=")[0], List.of(line[2].split("=")[1]));
        return contract.check(new JournalEntry(
                1,
                Instant.EPOCH,
                line[0],
                line[1],
                line.length < 3 ? null : line[2],
                params,
                Endpoint.UNKNOWN,
                headers.get("x-stack-id"),
                true,
                status,
                null,
                null,
                null,
                headers,
                body.getBytes(StandardCharsets.UTF_8),
                responseType,
                response.getBytes(StandardCharsets.UTF_8)));
    }
}
