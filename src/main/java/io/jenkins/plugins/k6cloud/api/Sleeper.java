package io.jenkins.plugins.k6cloud.api;

/** Waits between two attempts of a request; tests pass one that only records the delay. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = Thread::sleep;

    void sleep(long millis) throws InterruptedException;
}
