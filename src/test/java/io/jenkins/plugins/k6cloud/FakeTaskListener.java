package io.jenkins.plugins.k6cloud;

import hudson.model.BuildListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A build log in memory. */
public final class FakeTaskListener implements BuildListener {
    private static final long serialVersionUID = 1L;
    private final transient ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final transient PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Override
    public PrintStream getLogger() {
        return out;
    }

    public synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
