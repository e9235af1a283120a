package io.jenkins.plugins.k6cloud.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * A {@link ScriptSource} as a request body: every {@link #writeTo} (one per attempt) opens the
 * source and copies it to the connection in small buffers, so the script is never in memory whole
 * and a retry sends it again from the start. A source that cannot be read, or whose size changes
 * while it is sent, fails with {@link UnreadableScript}, which is no transport failure and is
 * never retried; an interrupted read stays an interruption.
 */
final class ScriptBody extends RequestBody {
    static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

    /** The script could not be read, or not as announced; {@link ApiTransport} makes it a configuration error. */
    static final class UnreadableScript extends IOException {
        private static final long serialVersionUID = 1L;

        UnreadableScript(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ScriptSource source;
    private final long size;

    /** @param size the size of {@code source}, read once before the first attempt */
    ScriptBody(ScriptSource source, long size) {
        this.source = source;
        this.size = size;
    }

    /** The size of {@code source}, or an {@link K6CloudException.ConfigurationException} naming the script. */
    static long sizeOf(ScriptSource source) throws K6CloudException.ConfigurationException {
        try {
            long size = source.size();
            if (size <= 0) {
                throw new K6CloudException.ConfigurationException(
                        "The k6 script " + source + " is empty: there is nothing to upload.", null, null);
            }
            return size;
        } catch (IOException e) {
            throw new K6CloudException.ConfigurationException(
                    "Could not read the k6 script " + source + " (" + e + "). Check the script's path.", null, e);
        }
    }

    @Override
    public MediaType contentType() {
        return OCTET_STREAM;
    }

    @Override
    public long contentLength() {
        return size;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        long written;
        try (InputStream in = source.open();
                Source from = Okio.source(in)) {
            written = copy(from, sink);
        }
        if (written != size) {
            throw new UnreadableScript(
                    "The k6 script " + source + " changed while it was being uploaded (" + size + " bytes were"
                            + " announced, " + (written > size ? "more" : Long.toString(written)) + " read);"
                            + " k6 Cloud did not get it whole. Try again.",
                    null);
        }
    }

    /**
     * Copies at most {@link #size} bytes, then reads one more to see whether the source grew (its
     * count then exceeds the size); a failure of the source is an {@link UnreadableScript}.
     */
    private long copy(Source from, BufferedSink sink) throws IOException {
        long total = 0;
        while (total < size) {
            long n = read(from, sink.getBuffer(), Math.min(8192, size - total));
            if (n < 0) {
                return total;
            }
            total += n;
            sink.emitCompleteSegments();
        }
        return read(from, new Buffer(), 1) > 0 ? total + 1 : total;
    }

    private long read(Source from, Buffer into, long max) throws IOException {
        try {
            return from.read(into, max);
        } catch (IOException e) {
            if (e instanceof InterruptedIOException || Thread.currentThread().isInterrupted()) {
                throw e; // an abort, which ApiTransport reports as one (a file channel says ClosedByInterrupt)
            }
            throw new UnreadableScript("Could not read the k6 script " + source + " (" + e + ").", e);
        }
    }

    @Override
    public String toString() {
        return "ScriptBody[" + source.fileName() + ", " + size + " bytes]";
    }
}
