package hudson.model;

import java.io.PrintStream;
import java.io.Serializable;

/** Stand-in of jenkins-core's {@code hudson.model.TaskListener}. */
public interface TaskListener extends Serializable {
    PrintStream getLogger();
}
