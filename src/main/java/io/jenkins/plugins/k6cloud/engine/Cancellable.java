package io.jenkins.plugins.k6cloud.engine;

/** A task handed to a {@link Scheduler} that may still be called off. */
@FunctionalInterface
public interface Cancellable {
    /**
     * Calls the task off if it has not started yet.
     *
     * @return {@code true} when the task will not run because of this call
     */
    boolean cancel();
}
