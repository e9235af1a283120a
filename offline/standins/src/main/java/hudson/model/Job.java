package hudson.model;

import java.io.IOException;
import java.util.SortedMap;

/** Stand-in of jenkins-core's {@code hudson.model.Job}. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    protected Job(ItemGroup parent, String name) {}

    protected abstract SortedMap<Integer, ? extends RunT> _getRuns();

    protected abstract void removeRun(RunT run);

    public abstract boolean isBuildable();

    public RunT getLastBuild() {
        throw new UnsupportedOperationException("stand-in");
    }

    public void addProperty(JobProperty<? super JobT> jobProp) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }
}
