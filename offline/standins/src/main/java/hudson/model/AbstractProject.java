package hudson.model;

import hudson.tasks.Publisher;
import java.io.IOException;
import hudson.util.DescribableList;

/** Stand-in of jenkins-core's {@code hudson.model.AbstractProject}. */
public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>>
        extends Job<P, R> {
    protected AbstractProject(ItemGroup parent, String name) {
        super(parent, name);
    }

    protected abstract Class<R> getBuildClass();

    public abstract DescribableList<Publisher, Descriptor<Publisher>> getPublishersList();

    public abstract boolean isFingerprintConfigured();

    public void setCustomWorkspace(String customWorkspace) throws IOException {
        throw new UnsupportedOperationException("stand-in: needs a live Jenkins");
    }
}
