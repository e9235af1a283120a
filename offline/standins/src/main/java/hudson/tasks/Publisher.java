package hudson.tasks;

import hudson.model.Describable;

/** Stand-in of jenkins-core's {@code hudson.tasks.Publisher} (named by {@code AbstractProject}). */
public abstract class Publisher implements Describable<Publisher> {
    @Deprecated
    protected Publisher() {}
}
