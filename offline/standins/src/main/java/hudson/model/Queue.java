package hudson.model;

import hudson.model.queue.SubTask;

/** Stand-in of jenkins-core's {@code hudson.model.Queue}: only the {@link Executable} type. */
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
}
