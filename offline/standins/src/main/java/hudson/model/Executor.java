package hudson.model;

/** Stand-in of jenkins-core's {@code hudson.model.Executor}: the thread a build runs on. */
public class Executor extends Thread {
    private Executor() {}

    @Override
    public void interrupt() {
        throw new UnsupportedOperationException("stand-in");
    }
}
