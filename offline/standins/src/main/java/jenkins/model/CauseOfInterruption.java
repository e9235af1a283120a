package jenkins.model;

import hudson.model.TaskListener;
import java.io.Serializable;

/** Stand-in of jenkins-core's {@code jenkins.model.CauseOfInterruption}: why a build or step was interrupted. */
public abstract class CauseOfInterruption implements Serializable {
    private static final long serialVersionUID = 1L;

    public CauseOfInterruption() {}

    public abstract String getShortDescription();

    public void print(TaskListener listener) {
        listener.getLogger().println(getShortDescription());
    }
}
