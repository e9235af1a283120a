package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.Action;
import hudson.model.BuildListener;
import hudson.model.Describable;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * Stand-in of jenkins-core's {@code hudson.tasks.Builder}; the BuildStep methods it inherits from
 * {@code BuildStepCompatibilityLayer} are declared here.
 */
public abstract class Builder implements BuildStep, Describable<Builder>, ExtensionPoint {
    @Override
    public boolean prebuild(AbstractBuild<?, ?> build, BuildListener listener) {
        return true;
    }

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        return true;
    }

    @Deprecated
    @Override
    public Action getProjectAction(AbstractProject<?, ?> project) {
        return null;
    }

    @Override
    public Collection<? extends Action> getProjectActions(AbstractProject<?, ?> project) {
        return List.of();
    }
}
