package io.jenkins.plugins.k6cloud;

import hudson.model.BuildListener;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A build log in memory. */
public final class FakeTaskListener implements BuildListener {
    private static final long serialVersionUID = 1L;
    private final transient ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final transient PrintStream out = new PrintStream(new Notifying(), true, StandardCharsets.UTF_8);

    @Override
    public PrintStream getLogger() {
        return out;
    }

    public synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the log contains {@code text}, at most {@code bound}; returns whether it does. */
    public synchronized boolean awaitText(String text, Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        while (!text().contains(text)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Writes to {@link #bytes} and wakes {@link #awaitText}. */
    private final class Notifying extends OutputStream {
        @Override
        public void write(int b) {
            synchronized (FakeTaskListener.this) {
                bytes.write(b);
                FakeTaskListener.this.notifyAll();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (FakeTaskListener.this) {
                bytes.write(b, off, len);
                FakeTaskListener.this.notifyAll();
            }
        }
    }
}
