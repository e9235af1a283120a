package hudson.model;

import hudson.model.queue.SubTask;

/** Stand-in of jenkins-core's {@code hudson.model.Queue}: only the {@link Executable} and {@link Task} types. */
public class Queue {
    private Queue() {}

    /** Stand-in of {@code Queue.Executable}: what an executor runs (a build). */
    public interface Executable extends Runnable {
        SubTask getParent();

        @Override
        void run();

        @Override
        String toString();
    }

    /** Stand-in of {@code Queue.Task}: something that can be queued (a job); a plugin only tests for it. */
    public interface Task extends SubTask {
        String getName();

        String getUrl();

        String getFullDisplayName();
    }
}
