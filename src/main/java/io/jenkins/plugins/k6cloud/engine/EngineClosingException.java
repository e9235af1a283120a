package io.jenkins.plugins.k6cloud.engine;

/**
 * Thrown by {@link EngineWatches#call} instead of a call to k6 Cloud (or instead of its failure) once the engine is closing: the
 * tick that made the call ends without a verdict, so the watch can be resumed after the restart.
 */
final class EngineClosingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EngineClosingException() {
        super("the k6 Cloud engine is closing", null, false, false);
    }
}
