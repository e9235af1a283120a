package io.jenkins.plugins.k6cloud.cli;

import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.api.LoadTestScripts;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sets the note of the run once its id is known, on a named thread of its own (the engine's
 * callbacks must not block). A note that cannot be set is a warning line on standard error, never
 * a failed run. {@link #close()} waits for it, at most {@link #WAIT}.
 */
final class CliNote implements AutoCloseable {
    /** The longest {@link #close()} waits for the note after the run was judged. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private final LoadTestScripts scripts;
    private final String note;
    private final PrintStream out;
    private final PrintStream err;
    private final ExecutorService thread;
    private final AtomicBoolean asked = new AtomicBoolean();

    CliNote(LoadTestScripts scripts, String note, PrintStream out, PrintStream err, String threadName) {
        this.scripts = scripts;
        this.note = note;
        this.out = out;
        this.err = err;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Sets the note of run {@code runId}, once, in the background. */
    void set(long runId) {
        if (!asked.compareAndSet(false, true)) {
            return;
        }
        thread.execute(() -> {
            try {
                scripts.setNote(runId, note);
                out.println("Set the note of run " + runId + ": " + note);
            } catch (K6CloudException e) {
                err.println("Warning: could not set the note of run " + runId + " (the run is not affected): "
                        + e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
                err.println("Warning: the note of the run was not set within " + DurationFormat.format(WAIT)
                        + " (the run is not affected)");
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
