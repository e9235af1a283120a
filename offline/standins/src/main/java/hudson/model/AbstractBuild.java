package hudson.model;

import hudson.EnvVars;
import hudson.FilePath;
import java.io.IOException;
import java.util.Calendar;

/** Stand-in of jenkins-core's {@code hudson.model.AbstractBuild}. */
public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>>
        extends Run<P, R> {
    protected AbstractBuild(P job, Calendar timestamp) {
        super(job, timestamp.getTimeInMillis());
    }

    public abstract void run();

    /** The stand-in has no workspace. */
    public final FilePath getWorkspace() {
        return null;
    }

    @Override
    public EnvVars getEnvironment(TaskListener log) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stand-in");
    }
}
