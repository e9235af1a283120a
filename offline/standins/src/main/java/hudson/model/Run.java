package hudson.model;

import hudson.EnvVars;
import java.io.File;
import java.io.IOException;
import java.util.List;

/** Stand-in of jenkins-core's {@code hudson.model.Run}: the members the plugin calls. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    protected Run(JobT job, long timestamp) {}

    public EnvVars getEnvironment(TaskListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }

    public Result getResult() {
        throw new UnsupportedOperationException("stand-in");
    }

    public void setResult(Result r) {
        throw new UnsupportedOperationException("stand-in");
    }

    public void addAction(Action a) {
        throw new UnsupportedOperationException("stand-in");
    }

    public <T extends Action> List<T> getActions(Class<T> type) {
        throw new UnsupportedOperationException("stand-in");
    }

    public JobT getParent() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("stand-in");
    }

    public Executor getExecutor() {
        throw new UnsupportedOperationException("stand-in");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("stand-in");
    }

    public RunT getPreviousBuild() {
        throw new UnsupportedOperationException("stand-in");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("stand-in");
    }

    public List<BuildBadgeAction> getBadgeActions() {
        throw new UnsupportedOperationException("stand-in");
    }
}
