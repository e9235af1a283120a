package io.jenkins.plugins.k6cloud.simulator;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

/** The simulator's v6 tests-as-code routes on the wire: multipart create, script, note, their faults. */
public class V6UploadRoutesTest extends SimHttpFixture {
    private static final String BOUNDARY = "sim-boundary-42";

    private static byte[] form(String name, String fileName, byte[] script) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n" + name + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"script\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(script);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private SimHttp.Reply send(String method, String path, String type, byte[] body) throws Exception {
        return v6.send(method, path, type, body);
    }

    private SimHttp.Reply create(String name, byte[] script) throws Exception {
        return send(
                "POST",
                "/cloud/v6/projects/3001/load_tests",
                "multipart/form-data; boundary=" + BOUNDARY,
                form(name, "checkout.js", script));
    }

    private long startRun(long testId) throws Exception {
        return v6.send(v6.builder("/cloud/v6/load_tests/" + testId + "/start")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build())
                .json()
                .get("id")
                .getAsLong();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void createIs201ThenConflictAndTheScriptIsJournaled() throws Exception {
        SimHttp.Reply created = create("checkout", utf8("export default function () {}"));
        assertEquals(created.body(), 201, created.status());
        long id = created.json().get("id").getAsLong();
        assertEquals("checkout", created.json().get("name").getAsString());
        assertEquals(3001, created.json().get("project_id").getAsLong());

        SimHttp.Reply taken = create("checkout", utf8("export default function () { }"));
        assertEquals(409, taken.status());
        assertEquals(
                "conflict", taken.json().getAsJsonObject("error").get("code").getAsString());

        UploadRecord up = sim.journal().scriptOf(id);
        assertEquals("checkout.js", up.fileName());
        assertEquals(29, up.size());
        assertEquals(64, up.sha256().length());
        assertEquals(1, sim.journal().uploads().size());

        SimHttp.Reply found = v6.get("/cloud/v6/projects/3001/load_tests?name=checkout");
        assertEquals(
                id,
                found.json()
                        .getAsJsonArray("value")
                        .get(0)
                        .getAsJsonObject()
                        .get("id")
                        .getAsLong());
    }

    @Test
    public void theScriptIsReplacedWith204AndTestsCreatedByUploadPlayTheUploadScenario() throws Exception {
        long id = create("checkout", utf8("a")).json().get("id").getAsLong();
        SimHttp.Reply put =
                send("PUT", "/cloud/v6/load_tests/" + id + "/script", "application/octet-stream", utf8("bb"));
        assertEquals(204, put.status());
        assertEquals(2, sim.journal().scriptOf(id).size());
        assertFalse(sim.journal().scriptOf(id).created());
        long runId = startRun(id);
        assertEquals(Scenarios.UPLOAD_AND_RUN, sim.journal().run(runId).scenario());
    }

    @Test
    public void scriptsThatAreNotUtf8TextOrAnArchiveAre400AndLargeOnes413() throws Exception {
        SimHttp.Reply binary = create("bin", new byte[] {(byte) 0xc3, 0x28});
        assertEquals(400, binary.status());
        assertEquals(
                V6Scripts.NOT_UTF8,
                binary.json().getAsJsonObject("error").get("message").getAsString());
        byte[] tar = new byte[1024];
        tar[0] = (byte) 0xff;
        System.arraycopy(utf8("ustar"), 0, tar, 257, 5);
        assertEquals(201, create("archive", tar).status());

        sim.setMaxScriptBytes(100);
        SimHttp.Reply big = create("big", new byte[200]);
        assertEquals(413, big.status());
        assertEquals(1, sim.journal().uploads().size());
    }

    @Test
    public void malformedFormsAndNamesAre400() throws Exception {
        assertEquals(400, create("n".repeat(301), utf8("x")).status());
        assertEquals(400, create(" ", utf8("x")).status());
        SimHttp.Reply noBoundary =
                send("POST", "/cloud/v6/projects/3001/load_tests", "multipart/form-data", form("a", "a.js", utf8("x")));
        assertEquals(400, noBoundary.status());
        assertEquals(
                404,
                send(
                                "POST",
                                "/cloud/v6/projects/1/load_tests",
                                "multipart/form-data; boundary=" + BOUNDARY,
                                form("a", "a.js", utf8("x")))
                        .status());
    }

    @Test
    public void aNoteIsSetWith204AndShownOnTheRun() throws Exception {
        long runId = startRun(sim.addLoadTest(Scenarios.passes()));
        assertEquals(
                204,
                send("PATCH", "/cloud/v6/test_runs/" + runId, "application/json", utf8("{\"note\":\"build 7\"}"))
                        .status());
        assertEquals("build 7", sim.journal().noteOf(runId));
        JsonObject run = v6.get("/cloud/v6/test_runs/" + runId).json();
        assertEquals("build 7", run.get("note").getAsString());
        for (String bad : List.of("{}", "{\"note\":1}", "{\"note\":\"a\",\"x\":1}", "not json")) {
            assertEquals(
                    bad,
                    400,
                    send("PATCH", "/cloud/v6/test_runs/" + runId, "application/json", utf8(bad))
                            .status());
        }
        assertEquals("build 7", sim.journal().noteOf(runId));
    }

    @Test
    public void faultsApplyToTheNewEndpoints() throws Exception {
        sim.faults().inject(Endpoint.CREATE_TEST, Fault.startThenDrop());
        assertThrows(java.io.IOException.class, () -> create("dropped", utf8("x")));
        assertEquals(409, create("dropped", utf8("x")).status());
        sim.faults().inject(Endpoint.SCRIPT, Fault.badGateway());
        long id = sim.journal().uploads().get(0).testId();
        assertEquals(
                502,
                send("PUT", "/cloud/v6/load_tests/" + id + "/script", "application/octet-stream", utf8("y"))
                        .status());
        sim.faults().inject(Endpoint.NOTE, Fault.rateLimited(java.time.Duration.ofSeconds(2)));
        assertEquals(
                429,
                send("PATCH", "/cloud/v6/test_runs/1", "application/json", utf8("{\"note\":\"n\"}"))
                        .status());
        sim.faults().inject(Endpoint.FIND_TEST, Fault.malformedJson());
        SimHttp.Reply malformed = v6.get("/cloud/v6/projects/3001/load_tests?name=dropped");
        assertEquals(200, malformed.status());
        assertThrows(RuntimeException.class, malformed::json);
        assertEquals(1, sim.journal().uploads().size());
        assertNull(sim.journal().requests(Endpoint.CREATE_TEST).get(1).runId());
        assertTrue(sim.journal().requests(Endpoint.CREATE_TEST).get(0).fault() != null);
    }
}
