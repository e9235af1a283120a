package hudson.model.queue;

import hudson.model.ModelObject;
import hudson.model.Queue;
import java.io.IOException;

/** Stand-in of jenkins-core's {@code hudson.model.queue.SubTask} (the parent of a {@code Queue.Executable}). */
public interface SubTask extends ModelObject {
    Queue.Executable createExecutable() throws IOException;
}
