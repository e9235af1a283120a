package io.jenkins.plugins.k6cloud.engine;

import io.jenkins.plugins.k6cloud.api.K6CloudException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one {@link RunEngine} knows about all its watches: whether it is closing, the watches not
 * yet done, and the run ids they follow (so that an adoption never takes a run that another watch
 * of the same engine follows).
 */
final class EngineWatches {
    private volatile boolean closing;
    private volatile boolean draining;
    private final Set<Long> followedRunIds = ConcurrentHashMap.newKeySet();
    private final Set<RunWatch> active = ConcurrentHashMap.newKeySet();

    boolean closing() {
        return closing;
    }

    /** A call to k6 Cloud. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws K6CloudException;
    }

    /**
     * Makes {@code call} unless the engine is closing. Once it is, no call is sent, and a call that
     * fails meanwhile (typically interrupted by the scheduler's shutdown) throws
     * {@link ClosingException} instead, so that no tick turns the shutdown into a verdict or a stop.
     */
    <T> T call(Call<T> call) throws K6CloudException {
        if (closing) {
            throw new ClosingException();
        }
        try {
            return call.run();
        } catch (K6CloudException e) {
            if (closing) {
                throw new ClosingException();
            }
            throw e;
        }
    }

    /** Whether {@link RunEngine#cancelUnresumable} has begun: no run that cannot be resumed is started. */
    boolean draining() {
        return draining;
    }

    void startDraining() {
        draining = true;
    }

    /** From now on, watches end without a verdict and send nothing more. */
    void startClosing() {
        closing = true;
    }

    /** Marks {@code runId} as followed; {@code false} when a watch of this engine follows it already. */
    boolean follow(long runId) {
        return followedRunIds.add(runId);
    }

    /** {@code runId} is followed no more (its watch reported before it knew the run). */
    void unfollow(long runId) {
        followedRunIds.remove(runId);
    }

    void added(RunWatch watch) {
        active.add(watch);
    }

    /** The watch reported its outcome: its run is no longer followed. */
    void done(RunWatch watch, Long runId) {
        active.remove(watch);
        if (runId != null) {
            followedRunIds.remove(runId);
        }
    }

    List<RunWatch> active() {
        return new ArrayList<>(active);
    }

    void clear() {
        active.clear();
        followedRunIds.clear();
    }

    /**
     * Thrown by {@link #call} instead of a call to k6 Cloud (or instead of its failure) once the engine is
     * closing: the tick that made the call ends without a verdict, so the watch can be resumed after the restart.
     */
    static final class ClosingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClosingException() {
            super("the k6 Cloud engine is closing", null, false, false);
        }
    }
}
