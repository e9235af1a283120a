package io.jenkins.plugins.k6cloud.cli;

import io.jenkins.plugins.k6cloud.api.LoadTestScripts;
import io.jenkins.plugins.k6cloud.api.ScriptSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Tests as code on the command line ({@code --script}, {@code --test-name}, {@code --project-id},
 * {@code --note}): the script, checked before any request, the load test it goes to and the run's
 * note.
 *
 * @param file the k6 script or archive as given
 * @param size its size in bytes when it was checked
 * @param testName the load test to create or update (ignored with {@code --test-id})
 * @param projectId its project, or {@code null} for the stack's default project
 * @param note the note of the run
 */
record CliScript(Path file, long size, String testName, Long projectId, String note) {

    /**
     * Checks {@code file} (it exists, is a file, can be read and is not empty) and fills in the
     * defaults: the test name is the file name without its extension, the note names the runner,
     * the host ({@code HOSTNAME} or {@code COMPUTERNAME} in {@code env}) and the script.
     */
    static CliScript of(Path file, String testName, Long projectId, String note, Map<String, String> env)
            throws UsageException {
        String what = "--script " + file;
        if (Files.isDirectory(file)) {
            throw new UsageException(what + " is a directory: give a k6 script file (.js) or a k6 archive (.tar,"
                    + " made with k6 archive)");
        }
        if (!Files.exists(file)) {
            throw new UsageException(
                    what + ": there is no such file; give the path of a k6 script (.js) or a k6" + " archive (.tar)");
        }
        long size;
        try {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IOException("not a readable file");
            }
            size = Files.size(file);
        } catch (IOException e) {
            throw new UsageException(what + " cannot be read (" + e.getMessage() + "): check its permissions");
        }
        if (size == 0) {
            throw new UsageException(what + " is empty: there is nothing to upload");
        }
        String name = CliArguments.testName(testName != null ? testName : defaultName(file));
        return new CliScript(file, size, name, projectId, note != null ? note : defaultNote(file, env));
    }

    /** {@code checkout} for {@code load/checkout.js}; a name that is only an extension stays whole. */
    static String defaultName(Path file) {
        return ScriptSource.defaultTestName(String.valueOf(file.getFileName()));
    }

    /** {@code Started by bin/k6cloud on HOST from FILE}; without a host variable, without "on HOST". */
    static String defaultNote(Path file, Map<String, String> env) {
        String host = env.get("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = env.get("COMPUTERNAME");
        }
        return "Started by bin/k6cloud" + (host == null || host.isBlank() ? "" : " on " + host.strip()) + " from "
                + file;
    }

    ScriptSource source() {
        return ScriptSource.of(file);
    }

    /** Its size for people, e.g. {@code 1,234 bytes}. */
    String shownSize() {
        return LoadTestScripts.bytes(size);
    }
}
