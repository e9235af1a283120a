package io.jenkins.plugins.k6cloud.engine;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything the engine tells the caller about one run, one call at a time (a second cancel may report from the
 * caller's thread while a tick runs), and nothing after the outcome, which completes once, after the summary. A
 * listener that throws is logged: it must neither stop the run nor keep the outcome from completing.
 */
final class RunReporter {
    private static final Logger LOGGER = Logger.getLogger(RunReporter.class.getName());
    private static final RunEvents SILENT = new RunEvents() {};

    private final RunEvents listener;
    final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
    private boolean reported;

    RunReporter(RunEvents listener) {
        this.listener = listener == null ? SILENT : listener;
    }

    boolean isDone() {
        return outcome.isDone();
    }

    void line(String line) {
        tell("onLine", l -> l.onLine(line));
    }

    void started(WatchState state) {
        tell("onStarted", l -> l.onStarted(state));
    }

    void changed(WatchState state) {
        tell("onStateChanged", l -> l.onStateChanged(state));
    }

    /** Writes the summary, runs {@code beforeCompleting}, tells the final state and completes, unless done already. */
    synchronized void complete(RunOutcome o, Runnable beforeCompleting, Supplier<WatchState> finalState) {
        if (reported) {
            return;
        }
        try {
            ConsoleText.summary(o).forEach(this::line);
            beforeCompleting.run();
            changed(finalState.get());
        } finally {
            reported = true;
            outcome.complete(o);
        }
    }

    private synchronized void tell(String method, Consumer<RunEvents> call) {
        if (reported) {
            return;
        }
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOGGER.log(
                    Level.WARNING,
                    "A k6 Cloud run listener failed in " + method + " ("
                            + e.getClass().getName() + "); the run is followed on",
                    e);
        }
    }
}
