package io.jenkins.plugins.k6cloud.engine;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Everything the engine tells the caller about one run, one call at a time (a second cancel may
 * report from the caller's thread while a step runs): lines, state changes, and the outcome,
 * completed once, after the summary. Nothing is said after the outcome.
 */
final class RunReporter {
    private final RunListener listener;
    private final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
    private boolean reported;

    RunReporter(RunListener listener) {
        this.listener = listener == null ? new RunListener() {} : listener;
    }

    CompletableFuture<RunOutcome> outcome() {
        return outcome;
    }

    boolean isDone() {
        return outcome.isDone();
    }

    synchronized void line(String line) {
        if (!reported) {
            listener.onLine(line);
        }
    }

    synchronized void started(WatchState state) {
        if (!reported) {
            listener.onStarted(state);
        }
    }

    synchronized void changed(WatchState state) {
        if (!reported) {
            listener.onStateChanged(state);
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
        ConsoleText.summary(o).forEach(listener::onLine);
        beforeCompleting.run();
        listener.onStateChanged(finalState.get());
        reported = true;
        outcome.complete(o);
        return true;
    }
}
