package io.jenkins.plugins.k6cloud.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.K6CloudException.ConfigurationException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import io.jenkins.plugins.k6cloud.simulator.Endpoint;
import io.jenkins.plugins.k6cloud.simulator.Fault;
import io.jenkins.plugins.k6cloud.simulator.JournalEntry;
import io.jenkins.plugins.k6cloud.simulator.K6CloudSimulator;
import io.jenkins.plugins.k6cloud.simulator.Scenarios;
import io.jenkins.plugins.k6cloud.simulator.UploadRecord;
import io.jenkins.plugins.k6cloud.testing.InMemoryScript;
import io.jenkins.plugins.k6cloud.testing.SimulatorRule;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import org.junit.Rule;
import org.junit.Test;

/** Tests as code against the simulator: create or update by name, the script streamed, the note. */
public class V6ScriptUploadTest {
    private static final long PROJECT = 3001;

    @Rule
    public final SimulatorRule rig = new SimulatorRule();

    private K6CloudSimulator sim() {
        return rig.sim();
    }

    private HttpK6CloudClient client(ApiFlavour flavour) {
        return rig.client(flavour, o -> o.withStackId(sim().stackId()));
    }

    private HttpK6CloudClient client() {
        return client(ApiFlavour.V6);
    }

    private final InMemoryScript v1 = new InMemoryScript("checkout.js", "export default function () {}\n");
    private final InMemoryScript v2 = new InMemoryScript("checkout.js", "export default function () { /* v2 */ }\n");

    private long testsCreated() {
        // the simulator journals the test a create made, answered or not
        return sim().journal().requests(Endpoint.CREATE_TEST).stream()
                .filter(e -> e.testId() != null)
                .count();
    }

    @Test
    public void theFirstUploadCreatesTheTestInTheDefaultProjectAndItRuns() throws Exception {
        HttpK6CloudClient client = client();
        assertEquals(PROJECT, client.defaultProjectId());

        LoadTest test = client.uploadScript(null, "checkout", v1);

        assertEquals("checkout", test.name());
        assertEquals(Long.valueOf(PROJECT), test.projectId());
        UploadRecord up = sim().journal().scriptOf(test.id());
        assertTrue(up.created());
        assertEquals("checkout.js", up.fileName());
        assertEquals(v1.bytes.length, up.size());
        assertEquals(v1.sha256(), up.sha256());
        assertEquals(Long.valueOf(test.id()), client.startRun(test.id()).testId());
        assertEquals(test, client.findLoadTest(PROJECT, "checkout").orElseThrow());
        assertTrue(client.findLoadTest(PROJECT, "checkou").isEmpty());
    }

    @Test
    public void theNextUploadFindsTheTestByNameAndReplacesItsInMemoryScript() throws Exception {
        HttpK6CloudClient client = client();
        LoadTest first = client.uploadScript(PROJECT, "checkout", v1);
        LoadTest second = client.uploadScript(PROJECT, "checkout", v2);

        assertEquals(first, second);
        List<UploadRecord> uploads = sim().journal().uploads();
        assertThat(uploads, hasSize(2));
        assertFalse(uploads.get(1).created());
        assertEquals(v2.sha256(), sim().journal().scriptOf(first.id()).sha256());
        assertEquals(
                List.of(201, 409),
                sim().journal().requests(Endpoint.CREATE_TEST).stream()
                        .map(JournalEntry::status)
                        .toList());
        assertEquals(
                "checkout", sim().journal().requests(Endpoint.FIND_TEST).get(0).param("name"));
    }

    @Test
    public void twoBuildsUploadingTheSameNameAtOnceEndWithOneTest() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "upload-race"));
        try {
            Callable<LoadTest> upload = () -> client().uploadScript(PROJECT, "race", v1);
            Future<LoadTest> a = pool.submit(upload);
            Future<LoadTest> b = pool.submit(upload);
            assertEquals(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, testsCreated());
    }

    @Test
    public void aCreateWhoseAnswerIsLostIsSentAgainAndSettledByName() throws Exception {
        sim().faults().inject(Endpoint.CREATE_TEST, Fault.startThenDrop());
        LoadTest test = client().uploadScript(PROJECT, "lost", v1);

        assertEquals(
                List.of(0, 409),
                sim().journal().requests(Endpoint.CREATE_TEST).stream()
                        .map(JournalEntry::status)
                        .toList());
        assertEquals(1, testsCreated());
        assertEquals(v1.sha256(), sim().journal().scriptOf(test.id()).sha256());
        assertEquals("opened for each attempt: create, create again, replace", 3, v1.opens.get());
    }

    @Test
    public void everyNewEndpointRetriesItsTransientFaults() throws Exception {
        sim().faults().inject(Endpoint.TOKEN, Fault.badGateway());
        sim().faults().inject(Endpoint.CREATE_TEST, Fault.rateLimited(java.time.Duration.ofSeconds(1)));
        sim().faults().inject(Endpoint.FIND_TEST, Fault.dropConnection());
        sim().faults().inject(Endpoint.SCRIPT, Fault.serverError(503));
        sim().faults().inject(Endpoint.NOTE, Fault.badGateway());
        HttpK6CloudClient client = client();
        long existing = client.uploadScript(PROJECT, "faults", v1).id();

        LoadTest test = client.uploadScript(null, "faults", v2);
        client.setNote(client.startRun(test.id()).id(), "Jenkins job app #7");

        assertEquals(existing, test.id());
        assertEquals(v2.sha256(), sim().journal().scriptOf(existing).sha256());
        for (Endpoint e :
                List.of(Endpoint.TOKEN, Endpoint.CREATE_TEST, Endpoint.FIND_TEST, Endpoint.SCRIPT, Endpoint.NOTE)) {
            List<JournalEntry> sent = sim().journal().requests(e);
            assertTrue(
                    e + ": " + sent,
                    sent.get(0).fault() != null && sent.get(sent.size() - 1).status() / 100 != 5);
        }
        assertTrue(rig.sleeper.delays().size() >= 4);
    }

    @Test
    public void aScriptK6RejectsFailsAtOnceWithK6sMessage() {
        InMemoryScript binary = new InMemoryScript("data.bin", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        ProtocolException e =
                assertThrows(ProtocolException.class, () -> client().uploadScript(PROJECT, "bad", binary));

        assertEquals(400, e.httpStatus());
        assertThat(e.getMessage(), containsString("load/data.bin (4 bytes)"));
        assertThat(e.getMessage(), containsString("Uploaded content must be a javascript text encoded in UTF-8"));
        assertThat(sim().journal().requests(), hasSize(1)); // PROJECT was given: no default project is asked
        assertTrue(sim().journal().uploads().isEmpty());
    }

    @Test
    public void aScriptTooLargeNamesItsSizeAndIsNotRetried() {
        sim().setMaxScriptBytes(1000);
        InMemoryScript big = new InMemoryScript("big.tar", new byte[2_000_000]);
        ProtocolException e = assertThrows(ProtocolException.class, () -> client().uploadScript(PROJECT, "big", big));

        assertEquals(413, e.httpStatus());
        assertThat(e.getMessage(), containsString("too large: it has 2,000,000 bytes, 1.9 MiB"));
        assertThat(e.getMessage(), not(containsString(sim().token())));
        assertThat(sim().journal().requests(Endpoint.CREATE_TEST), hasSize(1));
    }

    @Test
    public void theV2ApiSaysToChooseV6BeforeAnyRequest() {
        HttpK6CloudClient v2 = client(ApiFlavour.V2);
        List<Callable<?>> calls = List.of(
                v2::defaultProjectId,
                () -> v2.findLoadTest(PROJECT, "x"),
                () -> v2.uploadScript(null, "x", v1),
                () -> {
                    v2.replaceScript(1001, v1);
                    return null;
                },
                () -> {
                    v2.setNote(2_000_001, "note");
                    return null;
                });
        for (Callable<?> call : calls) {
            ConfigurationException e = assertThrows(ConfigurationException.class, call::call);
            assertThat(e.getMessage(), containsString("needs Grafana Cloud k6 (v6)"));
            assertThat(e.getMessage(), containsString("Choose \"Grafana Cloud k6 (v6)\""));
            assertTrue(e.isConfigurationError());
        }
        assertEquals(0, sim().journal().totalRequests());
    }

    @Test
    public void badNamesAndUnreadableScriptsAreRefusedBeforeAnyRequest() {
        HttpK6CloudClient client = client();
        assertThrows(IllegalArgumentException.class, () -> client.uploadScript(PROJECT, " ", v1));
        IllegalArgumentException tooLong =
                assertThrows(IllegalArgumentException.class, () -> client.uploadScript(PROJECT, "n".repeat(301), v1));
        assertThat(tooLong.getMessage(), containsString("at most 300 characters"));
        ScriptSource missing = ScriptSource.of(java.nio.file.Path.of("no/such/script.js"));
        ConfigurationException e =
                assertThrows(ConfigurationException.class, () -> client.uploadScript(PROJECT, "x", missing));
        assertThat(e.getMessage(), containsString("no/such/script.js"));
        assertEquals(0, sim().journal().totalRequests());
    }

    @Test
    public void aScriptThatCannotBeReadWhileSentIsNotRetried() {
        ScriptSource failing = new InMemoryScript("flaky.js", "export default function () {}\n") {
            @Override
            public InputStream open() {
                opens.incrementAndGet();
                return new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("agent went away");
                    }
                };
            }
        };
        ConfigurationException e =
                assertThrows(ConfigurationException.class, () -> client().uploadScript(PROJECT, "flaky", failing));
        assertThat(e.getMessage(), containsString("agent went away"));
        assertEquals(1, ((InMemoryScript) failing).opens.get());
    }

    @Test
    public void anAbortDuringTheUploadStartsNothing() throws Exception {
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        ScriptSource stalls = new InMemoryScript("stalls.js", "export default function () {}\n") {
            @Override
            public InputStream open() {
                return new InputStream() {
                    @Override
                    public int read() throws IOException {
                        reading.countDown();
                        try {
                            new java.util.concurrent.CountDownLatch(1).await(30, TimeUnit.SECONDS);
                            throw new IOException("not interrupted within 30 s");
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new java.io.InterruptedIOException("aborted");
                        }
                    }
                };
            }
        };
        HttpK6CloudClient client = client();
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread build = new Thread(
                () -> {
                    try {
                        client.startRun(
                                client.uploadScript(PROJECT, "aborted", stalls).id());
                    } catch (Throwable e) {
                        thrown.set(e);
                    }
                },
                "upload-abort");
        build.start();
        assertTrue(reading.await(30, TimeUnit.SECONDS));
        build.interrupt();
        build.join(30_000);
        assertFalse(build.isAlive());
        assertTrue(String.valueOf(thrown.get()), thrown.get() instanceof K6CloudException.InterruptedCallException);
        assertThat(sim().journal().requests(Endpoint.START), hasSize(0));
        assertTrue(sim().journal().uploads().isEmpty());
    }

    @Test
    public void theNoteOfARunIsSet() throws Exception {
        HttpK6CloudClient client = client();
        long runId =
                client.startRun(sim().addLoadTest("noted", Scenarios.passes())).id();
        client.setNote(runId, "Jenkins app #42 https://ci.example.com/job/app/42/ commit 0a1b2c3");
        assertEquals(
                "Jenkins app #42 https://ci.example.com/job/app/42/ commit 0a1b2c3",
                sim().journal().noteOf(runId));
    }

    @Test
    public void theScriptIsStreamedNotBufferedWhole() throws Exception {
        int size = 4 << 20;
        long[] sentWhenSourceEnded = new long[1];
        CountingSink sink = new CountingSink();
        ScriptSource generated = new InMemoryScript("gen.js", new byte[0]) {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open() {
                return new InputStream() {
                    int left = size;

                    @Override
                    public int read() {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (left == 0) {
                            sentWhenSourceEnded[0] = sink.total;
                            return -1;
                        }
                        int n = Math.min(len, left);
                        java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                        left -= n;
                        return n;
                    }
                };
            }
        };
        okio.BufferedSink out = okio.Okio.buffer(sink);
        new ScriptUpload.ScriptBody(generated, size).writeTo(out);
        out.flush();
        assertEquals(size, sink.total);
        assertTrue(
                "all but the last segments had gone out before the source ended: " + sentWhenSourceEnded[0],
                sentWhenSourceEnded[0] >= size - 64 * 1024);
    }

    /** A network: counts what is written and keeps nothing. */
    private static final class CountingSink implements okio.Sink {
        long total;

        @Override
        public void write(Buffer source, long byteCount) throws IOException {
            source.skip(byteCount);
            total += byteCount;
        }

        @Override
        public void flush() {}

        @Override
        public okio.Timeout timeout() {
            return okio.Timeout.NONE;
        }

        @Override
        public void close() {}
    }
}
