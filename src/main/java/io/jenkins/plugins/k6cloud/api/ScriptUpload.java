package io.jenkins.plugins.k6cloud.api;

import io.jenkins.plugins.k6cloud.api.K6CloudException.ConfigurationException;
import io.jenkins.plugins.k6cloud.api.K6CloudException.ProtocolException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The v6 calls of {@link LoadTestScripts} for one client: checks the input before any request,
 * sends through the client's retries, and turns k6 Cloud's refusal of a script into a message
 * naming the script and its size. Create-or-update follows k6's own {@code k6 cloud upload}: create,
 * and on 409 (the name is taken) find the test by name and replace its script. A create whose
 * answer was lost is sent again and then meets its own test as a 409, and a 2xx answer that cannot
 * be read is settled the same way, by name; if the name is taken but no test has it when we look
 * (it was deleted meanwhile), the create is tried again, at most {@link #MAX_ROUNDS} times.
 *
 * @param api the v6 requests
 * @param reads sends with the client's retries
 * @param creates the same, but OkHttp never sends the request again on its own
 */
record ScriptUpload(V6Api api, FlavourApi.Call reads, FlavourApi.Call creates) {
    private static final Logger LOG = Logger.getLogger(ScriptUpload.class.getName());

    /** The longest load test name (v6 {@code CreateLoadTestApiModel.name}). */
    static final int MAX_NAME_LENGTH = 300;

    static final int MAX_ROUNDS = 3;

    long defaultProjectId() throws K6CloudException {
        Long id = api.defaultProjectId(reads);
        if (id == null) {
            throw new ConfigurationException(
                    "Grafana Cloud k6 marks no project of the stack as the default one, so the plugin does not"
                            + " know where to put the load test: give the project id.",
                    "GET " + V6Api.PREFIX + "/projects",
                    null);
        }
        return id;
    }

    Optional<LoadTest> find(long projectId, String name) throws K6CloudException {
        return api.findLoadTest(reads, projectId, checkName(name));
    }

    LoadTest create(long projectId, String name, ScriptSource script) throws K6CloudException {
        checkName(name);
        long size = ScriptBody.sizeOf(Objects.requireNonNull(script, "script"));
        ApiRequest request = api.createLoadTest(projectId, name, script.fileName(), new ScriptBody(script, size));
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
        long size = ScriptBody.sizeOf(Objects.requireNonNull(script, "script"));
        try {
            reads.send(api.replaceScript(testId, new ScriptBody(script, size)));
        } catch (K6CloudException e) {
            throw refused(e, script, size);
        }
    }

    LoadTest upload(Long projectId, String name, ScriptSource script) throws K6CloudException {
        checkName(name);
        long project = projectId != null ? ApiRequest.positive(projectId, "project") : defaultProjectId();
        for (int round = 1; ; round++) {
            try {
                return create(project, name, script);
            } catch (ProtocolException e) {
                if (e.httpStatus() != 409 && !Retrier.acceptedButUnreadable(e)) {
                    throw e;
                }
                Optional<LoadTest> found = find(project, name);
                if (found.isPresent()) {
                    LOG.fine(() -> "Load test \"" + name + "\" exists in project " + project + " (HTTP "
                            + e.httpStatus() + "): replacing its script");
                    replace(found.get().id(), script);
                    LoadTest t = found.get();
                    return new LoadTest(t.id(), t.name(), t.projectId() != null ? t.projectId() : project);
                }
                if (round >= MAX_ROUNDS) {
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
        reads.send(api.setNote(runId, Objects.requireNonNull(note, "note")));
    }

    /** A name k6 Cloud accepts: 1 to {@value #MAX_NAME_LENGTH} characters, not only spaces. */
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

    /** 413 and 400 about a script, said with its name and size; anything else as it is. */
    private static K6CloudException refused(K6CloudException e, ScriptSource script, long size) {
        if (e.httpStatus() == 413) {
            return new ProtocolException(
                    "Grafana Cloud k6 refused the k6 script " + script + " as too large: it has " + bytes(size)
                            + " (" + e.request() + ", HTTP 413). Upload less: a k6 archive (k6 archive) holds"
                            + " only what the script imports and opens.",
                    e.request(),
                    413,
                    e);
        }
        if (e.httpStatus() == 400) {
            return new ProtocolException(
                    "Grafana Cloud k6 rejected the k6 script " + script + " (" + bytes(size) + "): " + e.getMessage(),
                    e.request(),
                    400,
                    e);
        }
        return e;
    }

    static String bytes(long size) {
        String exact = String.format(Locale.ROOT, "%,d bytes", size);
        return size < 1 << 20 ? exact : exact + String.format(Locale.ROOT, ", %.1f MiB", size / 1048576.0);
    }
}
