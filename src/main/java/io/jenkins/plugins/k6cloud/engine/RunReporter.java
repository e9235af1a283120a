package io.jenkins.plugins.k6cloud.engine;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything the engine tells the caller about one run, one call at a time (a second cancel may
 * report from the caller's thread while a tick runs): lines, state changes, and the outcome,
 * completed once, after the summary. Nothing is said after the outcome. A listener that throws is
 * logged and otherwise ignored: it must neither stop the run nor keep the outcome from completing.
 */
final class RunReporter {
    private static final Logger LOGGER = Logger.getLogger(RunReporter.class.getName());
    private static final RunEvents SILENT = new RunEvents() {};

    private final RunEvents listener;
    private final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
    private boolean reported;

    RunReporter(RunEvents listener) {
        this.listener = listener == null ? SILENT : listener;
    }

    CompletableFuture<RunOutcome> outcome() {
        return outcome;
    }

    boolean isDone() {
        return outcome.isDone();
    }

    synchronized void line(String line) {
        if (!reported) {
            safely("onLine", () -> listener.onLine(line));
        }
    }

    synchronized void started(WatchState state) {
        if (!reported) {
            safely("onStarted", () -> listener.onStarted(state));
        }
    }

    synchronized void changed(WatchState state) {
        if (!reported) {
            safely("onStateChanged", () -> listener.onStateChanged(state));
        }
    }

    /**
     * Writes the summary, tells the final state and completes the outcome, unless that happened
     * already.
     *
     * @param finalState read after {@code beforeCompleting} ran
     * @return whether this call reported
     */
    synchronized boolean complete(RunOutcome o, Runnable beforeCompleting, Supplier<WatchState> finalState) {
        if (reported) {
            return false;
        }
        try {
            ConsoleText.summary(o).forEach(l -> safely("onLine", () -> listener.onLine(l)));
            beforeCompleting.run();
            WatchState last = finalState.get();
            safely("onStateChanged", () -> listener.onStateChanged(last));
        } finally {
            reported = true;
            outcome.complete(o);
        }
        return true;
    }

    private void safely(String method, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOGGER.log(
                    Level.WARNING,
                    "A k6 Cloud run listener failed in " + method + " ("
                            + e.getClass().getName() + "); the run is followed on",
                    e);
        }
    }
}
