package io.jenkins.plugins.k6cloud.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.k6cloud.Outcomes;
import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.ScriptSource;
import io.jenkins.plugins.k6cloud.results.JUnitReportTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What the steps check and do with the workspace and the note, without Jenkins or k6 Cloud. */
public class TestsAsCodeTest {
    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private static RunConfig.Options options(String script, String note, String junitFile) {
        return new RunConfig.Options(null, null, null, null, true)
                .withWorkspaceFiles(script, null, null, note, junitFile);
    }

    @Test
    public void neitherATestIdNorAScriptNorAWorkspace() throws Exception {
        FilePath ws = new FilePath(folder.getRoot());
        assertThat(
                assertThrows(AbortException.class, () -> TestsAsCode.check(null, options(null, null, null), ws))
                        .getMessage(),
                containsString("Give the load test to run (testId) or a k6 script"));
        assertThat(
                assertThrows(AbortException.class, () -> TestsAsCode.check(null, options("a.js", null, null), null))
                        .getMessage(),
                containsString("script needs a workspace"));
        assertThat(
                assertThrows(AbortException.class, () -> TestsAsCode.check(1L, options(null, null, "k6.xml"), null))
                        .getMessage(),
                containsString("junitFile needs a workspace"));
        assertThat(
                assertThrows(AbortException.class, () -> TestsAsCode.check(1L, options(null, null, "/tmp/k6.xml"), ws))
                        .getMessage(),
                containsString("'/tmp/k6.xml' is not a path in the workspace"));
        TestsAsCode.check(1L, options(null, null, null), null); // as before: no node {} needed
        TestsAsCode.check(null, options("a.js", null, "k6.xml"), ws);
    }

    @Test
    public void anUploadOrANoteNeedsV6() throws Exception {
        assertThat(
                assertThrows(
                                AbortException.class,
                                () -> TestsAsCode.checkFlavour(options("load/a.js", null, null), ApiFlavour.V2))
                        .getMessage(),
                containsString("Choose \"Grafana Cloud k6 (v6)\""));
        assertThat(
                assertThrows(
                                AbortException.class,
                                () -> TestsAsCode.checkFlavour(options(null, "nightly", null), ApiFlavour.V2))
                        .getMessage(),
                containsString("choose \"Grafana Cloud k6 (v6)\""));
        TestsAsCode.checkFlavour(options(null, null, "k6.xml"), ApiFlavour.V2);
        TestsAsCode.checkFlavour(options("load/a.js", "nightly", null), ApiFlavour.V6);
    }

    @Test
    public void theScriptIsAFileOfTheWorkspaceReadEachTimeItIsOpened() throws Exception {
        Path root = folder.getRoot().toPath();
        Files.createDirectories(root.resolve("load/dir.js"));
        Files.writeString(root.resolve("load/empty.js"), "");
        Files.writeString(root.resolve("load/checkout.js"), "export default function () {}\n");
        FilePath ws = new FilePath(folder.getRoot());

        assertThat(
                assertThrows(AbortException.class, () -> TestsAsCode.script(ws, "load/missing.js"))
                        .getMessage(),
                containsString("The k6 script 'load/missing.js' is not in the workspace (" + ws.getRemote() + ")"));
        assertThat(
                assertThrows(AbortException.class, () -> TestsAsCode.script(ws, "load/dir.js"))
                        .getMessage(),
                containsString("is a directory"));
        assertThat(
                assertThrows(AbortException.class, () -> TestsAsCode.script(ws, "load/empty.js"))
                        .getMessage(),
                containsString("is empty"));

        assertThat(
                assertThrows(
                                AbortException.class,
                                () -> TestsAsCode.script(
                                        ws, root.resolve("load/checkout.js").toString()))
                        .getMessage(),
                containsString("is not a path in the workspace: give it relative to the workspace"));

        ScriptSource script = TestsAsCode.script(ws, "load/checkout.js");
        assertEquals("checkout.js", script.fileName());
        assertEquals(30, script.size());
        assertEquals("load/checkout.js", script.toString());
        for (int attempt = 0; attempt < 2; attempt++) {
            try (InputStream in = script.open()) {
                assertEquals("export default function () {}\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    public void theNoteNamesTheJobTheBuildItsAddressAndTheCommit() {
        Map<String, String> env = Map.of(
                "JOB_NAME", "shop/main",
                "BUILD_NUMBER", "7",
                "BUILD_URL", "https://ci.example/job/shop/job/main/7/",
                "GIT_COMMIT", "1a2b3c4d");
        assertEquals(
                "Jenkins job shop/main #7 (https://ci.example/job/shop/job/main/7/), commit 1a2b3c4d",
                TestsAsCode.note(null, env));
        assertEquals(
                "Jenkins job shop/main #7",
                TestsAsCode.note(null, Map.of("JOB_NAME", "shop/main", "BUILD_NUMBER", "7")));
        assertEquals("nightly", TestsAsCode.note("nightly", env));
    }

    @Test
    public void aNoteThatCannotBeSetIsOneWarningLineAndIsAskedOnce() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        // the v2 API cannot set notes: the client refuses before any request
        HttpK6CloudClient v2 = new HttpK6CloudClient(
                ApiFlavour.V2,
                new okhttp3.OkHttpClient(),
                java.net.URI.create("http://127.0.0.1:9"),
                ApiToken.of("k6tok-note"),
                ClientOptions.defaults());
        java.util.concurrent.ExecutorService thread =
                java.util.concurrent.Executors.newSingleThreadExecutor(r -> new Thread(r, "k6-test-note"));
        try {
            TestsAsCode.Note note = new TestsAsCode.Note(v2, "nightly", log, thread);
            note.await(java.time.Duration.ofSeconds(5)); // nothing asked yet: returns at once
            note.set(null); // no run id yet: nothing to set
            note.set(2000001L);
            note.set(2000001L);
            note.await(java.time.Duration.ofSeconds(30));
        } finally {
            thread.shutdownNow();
        }

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(text, 1, text.split("WARNING: could not set the note of k6 Cloud run 2000001", -1).length - 1);
        assertThat(text, containsString("(the run is not affected)"));
        assertThat(text, org.hamcrest.Matchers.not(containsString("k6tok-note")));
    }

    @Test
    public void theUploadHasTheRunsRetriesAndALongerTimeoutPerAttempt() {
        RunConfig.Connection c = new RunConfig.Connection(ApiFlavour.V6, "https://api.k6.io", 5L, "k6");
        ClientOptions upload = c.uploadOptions();
        assertEquals(RunConfig.UPLOAD_CALL_TIMEOUT, upload.callTimeout());
        assertThat(
                "longer than a run's call: " + upload,
                upload.callTimeout().compareTo(c.runOptions().callTimeout()),
                org.hamcrest.Matchers.greaterThan(0));
        assertEquals(c.runOptions().retryPolicy(), upload.retryPolicy());
        assertEquals(Long.valueOf(5), upload.stackId());
    }

    @Test
    public void theJUnitFileIsWrittenWhereAskedWithItsDirectories() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        FilePath ws = new FilePath(folder.getRoot());
        List<RunMetrics.Check> checks = List.of(new RunMetrics.Check("status is 200", 99L, 1L, 0.99));

        TestsAsCode.writeJUnit(ws, "reports/k6/junit.xml", Outcomes.thresholdsFailed(5), checks, log);

        String xml = Files.readString(folder.getRoot().toPath().resolve("reports/k6/junit.xml"));
        Map<String, Boolean> cases = JUnitReportTest.casesAsTheJUnitPluginReadsThem(xml);
        assertEquals(Boolean.TRUE, cases.get("k6.checks.status is 200"));
        assertThat(bytes.toString(StandardCharsets.UTF_8), containsString("as JUnit XML to reports/k6/junit.xml"));
    }

    @Test
    public void aJUnitFileThatCannotBeWrittenIsAWarning() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Files.writeString(folder.getRoot().toPath().resolve("reports"), "a file, not a directory");

        TestsAsCode.writeJUnit(
                new FilePath(folder.getRoot()), "reports/junit.xml", Outcomes.thresholdsFailed(5), null, log);

        assertThat(bytes.toString(StandardCharsets.UTF_8), containsString("WARNING: could not write the JUnit file"));
    }
}
