package io.jenkins.plugins.k6cloud.pipeline;

import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/**
 * Makes sure a step execution reports its end exactly once, whichever comes first: the run's
 * outcome, a failure while preparing, or the bound after a stop. Not saved: after a restart the
 * execution starts with a fresh one.
 */
final class StepLifecycle {
    private static final Logger LOGGER = Logger.getLogger(StepLifecycle.class.getName());

    private boolean ended;
    private Throwable stopCause;

    /** Records the first stop; returns {@code false} when the step has already ended. */
    synchronized boolean requestStop(Throwable cause) {
        if (ended) {
            return false;
        }
        if (stopCause == null) {
            stopCause = cause;
        }
        return true;
    }

    synchronized boolean isStopRequested() {
        return stopCause != null;
    }

    synchronized Throwable stopCause() {
        return stopCause;
    }

    /** Who or what stopped the step, for the console ({@link #whoStopped}). */
    synchronized String stopReason() {
        return whoStopped(stopCause);
    }

    /**
     * Who or what stopped a step, in words: the short descriptions of a {@link FlowInterruptedException}'s
     * causes ("Aborted by alice", "Timeout has been exceeded"), else the exception's message, else
     * "the build was stopped"; never the exception's class name.
     */
    static String whoStopped(Throwable cause) {
        if (cause instanceof FlowInterruptedException) {
            String causes = ((FlowInterruptedException) cause)
                    .getCauses().stream()
                            .map(CauseOfInterruption::getShortDescription)
                            .filter(d -> d != null && !d.isBlank())
                            .collect(Collectors.joining("; "));
            return causes.isEmpty() ? Messages.K6CloudRunStepExecution_Stopped() : causes;
        }
        String message = cause == null ? null : cause.getMessage();
        return message == null || message.isBlank() ? Messages.K6CloudRunStepExecution_Stopped() : message;
    }

    synchronized boolean isEnded() {
        return ended;
    }

    /** Runs {@code report} (which calls onSuccess or onFailure) unless the step has already ended. */
    void end(Runnable report) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        try {
            report.run();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not report the end of a k6CloudRun step", e);
        }
    }
}
