package hudson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Stand-in of jenkins-core's {@code hudson.Proc} (named by {@link Launcher}'s abstract methods). */
public abstract class Proc {
    protected Proc() {}

    public abstract boolean isAlive() throws IOException, InterruptedException;

    public abstract void kill() throws IOException, InterruptedException;

    public abstract int join() throws IOException, InterruptedException;

    public abstract OutputStream getStdin();

    public abstract InputStream getStdout();

    public abstract InputStream getStderr();
}
