package io.jenkins.plugins.k6cloud.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * Output that copies every byte to {@code sink} and counts down {@link #latch} once a line that contains {@code marker}
 * ends: a test waits on it for a moment the code under test prints.
 */
public final class LineLatch extends OutputStream {
    public final CountDownLatch latch = new CountDownLatch(1);
    private final ByteArrayOutputStream sink;
    private final String marker;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public LineLatch(ByteArrayOutputStream sink, String marker) {
        this.sink = sink;
        this.marker = marker;
    }

    @Override
    public synchronized void write(int b) {
        sink.write(b);
        if (b == '\n') {
            if (line.toString(StandardCharsets.UTF_8).contains(marker)) {
                latch.countDown();
            }
            line.reset();
        } else {
            line.write(b);
        }
    }
}
