package hudson.model;

import hudson.model.queue.QueueTaskFuture;
import hudson.model.queue.SubTask;
import hudson.tasks.Builder;
import hudson.util.DescribableList;

/**
 * Stand-in of jenkins-core's {@code hudson.model.FreeStyleProject}, for tests. Abstract with a
 * private constructor: only Jenkins creates projects ({@code JenkinsRule.createFreeStyleProject()}).
 */
public abstract class FreeStyleProject extends AbstractProject<FreeStyleProject, FreeStyleBuild>
        implements TopLevelItem, SubTask {
    private FreeStyleProject() {
        super(null, null);
    }

    public DescribableList<Builder, Descriptor<Builder>> getBuildersList() {
        throw new UnsupportedOperationException("stand-in");
    }

    public QueueTaskFuture<FreeStyleBuild> scheduleBuild2(int quietPeriod) {
        throw new UnsupportedOperationException("stand-in");
    }
}
