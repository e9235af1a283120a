package io.jenkins.plugins.k6cloud.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A k6 script to upload: a JavaScript file or a k6 {@code .tar} archive (k6 Cloud tells them apart),
 * opened anew for every attempt and streamed, never whole in memory.
 */
public interface ScriptSource {

    /** e.g. {@code checkout.js}, no directories. */
    String fileName();

    /** Announced by the upload, which checks that exactly that much was read. */
    long size() throws IOException;

    InputStream open() throws IOException;

    /** As k6 names it: {@code checkout} for {@code checkout.js}; {@code .js} stays whole. */
    static String defaultTestName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

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
