package io.jenkins.plugins.k6cloud.api;

import static io.jenkins.plugins.k6cloud.api.ApiRequest.positive;

import com.google.gson.JsonObject;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ConfigurationException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Logger;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * The v6 calls of {@link LoadTestScripts}, checked before any request. Create or update follows
 * {@code k6 cloud upload}: create, and on 409 (the name is taken) find the test by name and replace its
 * script. A create whose answer was lost meets its own test as a 409 when sent again; a name taken by
 * no test we can find (deleted meanwhile) is created again, at most {@link #MAX_ROUNDS} times.
 *
 * @param creates sends without OkHttp's silent resend
 */
record ScriptUpload(FlavourApi.Call reads, FlavourApi.Call creates) {
    private static final Logger LOG = Logger.getLogger(ScriptUpload.class.getName());
    private static final String PREFIX = V6Api.PREFIX;

    /** v6 {@code CreateLoadTestApiModel.name}. */
    static final int MAX_NAME_LENGTH = 300;

    static final int MAX_ROUNDS = 3;

    long defaultProjectId() throws K6CloudException {
        JsonObject project = first(
                ApiRequest.get(PREFIX + "/projects"),
                p -> K6CloudJson.isTrue(p, "is_default") && K6CloudJson.longValue(p, "id") != null);
        if (project == null) {
            throw new ConfigurationException(
                    "Grafana Cloud k6 marks no project of the stack as the default one, so the plugin does not"
                            + " know where to put the load test: give the project id.",
                    "GET " + PREFIX + "/projects",
                    null);
        }
        return K6CloudJson.longValue(project, "id");
    }

    Optional<LoadTest> find(long projectId, String name) throws K6CloudException {
        checkName(name);
        JsonObject test = first(
                ApiRequest.get(PREFIX + "/projects/" + positive(projectId, "project") + "/load_tests")
                        .param("name", name),
                t -> name.equals(K6CloudJson.string(t, "name")) && K6CloudJson.id(t, null) != null);
        return Optional.ofNullable(test).map(t -> K6CloudJson.loadTest(t, 0));
    }

    private JsonObject first(ApiRequest request, Predicate<JsonObject> wanted) throws K6CloudException {
        JsonObject[] found = {null};
        V6Api.pages(reads, request, items -> {
            found[0] = items.stream().filter(wanted).findFirst().orElse(null);
            return found[0] == null;
        });
        return found[0];
    }

    LoadTest create(long projectId, String name, ScriptSource script) throws K6CloudException {
        checkName(name);
        long size = sizeOf(script);
        RequestBody form = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("name", name)
                .addFormDataPart("script", script.fileName(), new ScriptBody(script, size))
                .build();
        ApiRequest request = ApiRequest.withBody(
                "POST", PREFIX + "/projects/" + positive(projectId, "project") + "/load_tests", form);
        try {
            ApiResponse answer = creates.send(request);
            LoadTest test = K6CloudJson.loadTest(answer.json(), 0);
            if (test.id() <= 0) {
                throw new ProtocolException(
                        "Grafana Cloud k6 created load test \"" + name + "\" but its answer has no id.",
                        request.name(),
                        answer.status(),
                        null);
            }
            return test;
        } catch (K6CloudException e) {
            throw refused(e, script, size);
        }
    }

    void replace(long testId, ScriptSource script) throws K6CloudException {
        long size = sizeOf(script);
        try {
            reads.send(ApiRequest.withBody(
                    "PUT",
                    PREFIX + "/load_tests/" + positive(testId, "load test") + "/script",
                    new ScriptBody(script, size)));
        } catch (K6CloudException e) {
            throw refused(e, script, size);
        }
    }

    LoadTest upload(Long projectId, String name, ScriptSource script) throws K6CloudException {
        checkName(name);
        long project = projectId != null ? positive(projectId, "project") : defaultProjectId();
        for (int round = 1; ; round++) {
            try {
                return create(project, name, script);
            } catch (ProtocolException e) {
                if (e.httpStatus() != 409 && !HttpK6CloudClient.acceptedButUnreadable(e)) {
                    throw e;
                }
                Optional<LoadTest> found = find(project, name);
                if (found.isPresent()) {
                    LoadTest t = found.get();
                    LOG.fine(() -> "Load test \"" + name + "\" exists in project " + project + " (HTTP "
                            + e.httpStatus() + "): replacing its script");
                    replace(t.id(), script);
                    return new LoadTest(t.id(), t.name(), t.projectId() != null ? t.projectId() : project);
                } else if (round >= MAX_ROUNDS) {
                    throw new ProtocolException(
                            "Grafana Cloud k6 says the name of load test \"" + name + "\" is taken in project "
                                    + project + ", but no load test of that project has it (tried " + round
                                    + " times). Check the project id and the test name.",
                            e.request(),
                            e.httpStatus(),
                            e);
                }
            }
        }
    }

    void setNote(long runId, String note) throws K6CloudException {
        JsonObject body = new JsonObject();
        body.addProperty("note", Objects.requireNonNull(note, "note"));
        reads.send(ApiRequest.withBody(
                "PATCH", PREFIX + "/test_runs/" + positive(runId, "run"), ApiRequest.json(body.toString())));
    }

    static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A k6 Cloud load test needs a name, e.g. the script's file name.");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("A k6 Cloud load test name has at most " + MAX_NAME_LENGTH
                    + " characters; \"" + K6CloudJson.snippet(name) + "\" has " + length + ".");
        }
        return name;
    }

    private static K6CloudException refused(K6CloudException e, ScriptSource script, long size) {
        if (e.httpStatus() == 413) {
            return new ProtocolException(
                    "Grafana Cloud k6 refused the k6 script " + script + " as too large: it has " + bytes(size)
                            + " (" + e.request() + ", HTTP 413). Upload less: a k6 archive (k6 archive) holds"
                            + " only what the script imports and opens.",
                    e.request(),
                    413,
                    e);
        } else if (e.httpStatus() == 400) {
            return new ProtocolException(
                    "Grafana Cloud k6 rejected the k6 script " + script + " (" + bytes(size) + "): " + e.getMessage(),
                    e.request(),
                    400,
                    e);
        }
        return e;
    }

    static String bytes(long size) {
        String exact = LoadTestScripts.bytes(size);
        return size < 1 << 20 ? exact : exact + String.format(Locale.ROOT, ", %.1f MiB", size / 1048576.0);
    }

    static long sizeOf(ScriptSource source) throws ConfigurationException {
        try {
            long size = Objects.requireNonNull(source, "script").size();
            if (size <= 0) {
                throw new ConfigurationException(
                        "The k6 script " + source + " is empty: there is nothing to upload.", null, null);
            }
            return size;
        } catch (IOException e) {
            throw new ConfigurationException(
                    "Could not read the k6 script " + source + " (" + e + "). Check the script's path.", null, e);
        }
    }

    /** {@link ApiTransport} makes it a configuration error: never retried. */
    static final class UnreadableScript extends IOException {
        private static final long serialVersionUID = 1L;

        UnreadableScript(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Opened anew for each attempt and streamed; a size that changes while it is sent is an {@link UnreadableScript}. */
    static final class ScriptBody extends RequestBody {
        private final ScriptSource source;
        private final long size;

        ScriptBody(ScriptSource source, long size) {
            this.source = source;
            this.size = size;
        }

        @Override
        public MediaType contentType() {
            return MediaType.get("application/octet-stream");
        }

        @Override
        public long contentLength() {
            return size;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            long total = 0;
            try (InputStream in = source.open();
                    Source from = Okio.source(in)) {
                while (total < size) {
                    long n = read(from, sink.getBuffer(), Math.min(8192, size - total));
                    if (n < 0) {
                        break;
                    }
                    total += n;
                    sink.emitCompleteSegments();
                }
                if (total == size && read(from, new Buffer(), 1) > 0) {
                    total++; // it grew
                }
            }
            if (total != size) {
                throw new UnreadableScript(
                        "The k6 script " + source + " changed while it was being uploaded (" + size + " bytes were"
                                + " announced, " + (total > size ? "more" : Long.toString(total)) + " read);"
                                + " k6 Cloud did not get it whole. Try again.",
                        null);
            }
        }

        private long read(Source from, Buffer into, long max) throws IOException {
            try {
                return from.read(into, max);
            } catch (IOException e) {
                if (e instanceof InterruptedIOException
                        || Thread.currentThread().isInterrupted()) {
                    throw e; // an abort (a file channel says ClosedByInterrupt)
                }
                throw new UnreadableScript("Could not read the k6 script " + source + " (" + e + ").", e);
            }
        }

        @Override
        public String toString() {
            return "ScriptBody[" + source.fileName() + ", " + size + " bytes]";
        }
    }
}
