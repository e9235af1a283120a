package io.jenkins.plugins.k6cloud.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A k6 script to upload to Grafana Cloud k6: one JavaScript file or a k6 {@code .tar} archive
 * (k6 Cloud tells them apart itself). It is opened anew for every attempt of an upload and read
 * while it is sent, so nothing holds a whole archive in memory; {@link #of(Path)} reads a local
 * file, and the Jenkins glue reads a workspace file.
 */
public interface ScriptSource {

    /** The file name sent with the script, e.g. {@code checkout.js} (no directories). */
    String fileName();

    /** Its size in bytes; the upload announces it and checks that exactly that much was read. */
    long size() throws IOException;

    /** A new stream from its first byte; the caller closes it. */
    InputStream open() throws IOException;

    /**
     * The load test name a script gets when none is given, as k6 names it: the file name without
     * its extension ({@code checkout} for {@code checkout.js}); a name that is only an extension
     * stays whole.
     */
    static String defaultTestName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** A local file. */
    static ScriptSource of(Path file) {
        Objects.requireNonNull(file, "file");
        Path name = file.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("A k6 script is a file, not " + file);
        }
        return new ScriptSource() {
            @Override
            public String fileName() {
                return name.toString();
            }

            @Override
            public long size() throws IOException {
                return Files.size(file);
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public String toString() {
                return file.toString();
            }
        };
    }
}
