package hudson.tasks;

import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.model.Descriptor;

/** Stand-in of jenkins-core's {@code hudson.tasks.BuildStepDescriptor}. */
public abstract class BuildStepDescriptor<T extends BuildStep & Describable<T>> extends Descriptor<T> {
    protected BuildStepDescriptor() {}

    protected BuildStepDescriptor(Class<? extends T> clazz) {
        super(clazz);
    }

    public abstract boolean isApplicable(Class<? extends AbstractProject> jobType);
}
