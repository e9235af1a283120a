package org.jenkinsci.plugins.workflow.job;

import hudson.model.Action;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.TopLevelItem;
import hudson.model.TopLevelItemDescriptor;
import hudson.model.queue.QueueTaskFuture;
import hudson.model.queue.SubTask;
import hudson.search.Search;
import hudson.search.SearchIndex;
import hudson.security.ACL;
import java.io.File;
import java.io.IOException;
import java.util.Collection;
import java.util.SortedMap;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

/**
 * Stand-in of workflow-job's {@code WorkflowJob}: a Pipeline job, with what our tests call and
 * every method the real (final) class must implement. Offline every method throws.
 */
public final class WorkflowJob extends Job<WorkflowJob, WorkflowRun> implements TopLevelItem, SubTask {
    public WorkflowJob(ItemGroup parent, String name) {
        super(parent, name);
    }

    public void setDefinition(FlowDefinition definition) {
        throw stub();
    }

    public FlowDefinition getDefinition() {
        throw stub();
    }

    public QueueTaskFuture<WorkflowRun> scheduleBuild2(int quietPeriod, Action... actions) {
        throw stub();
    }

    public WorkflowRun getBuildByNumber(int n) {
        throw stub();
    }

    public WorkflowRun getLastBuild() {
        throw stub();
    }

    @Override
    public WorkflowRun createExecutable() throws IOException {
        throw stub();
    }

    // jenkins-api-check: ignore (the real one returns RunMap<WorkflowRun>, a final SortedMap of core's lazy loading)
    @Override
    protected SortedMap<Integer, WorkflowRun> _getRuns() {
        throw stub();
    }

    @Override
    protected void removeRun(WorkflowRun run) {
        throw stub();
    }

    @Override
    public boolean isBuildable() {
        throw stub();
    }

    @Override
    public TopLevelItemDescriptor getDescriptor() {
        throw stub();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ItemGroup getParent() {
        throw stub();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Collection<? extends Job> getAllJobs() {
        throw stub();
    }

    @Override
    public String getName() {
        throw stub();
    }

    @Override
    public final String getFullName() {
        throw stub();
    }

    @Override
    public String getDisplayName() {
        throw stub();
    }

    @Override
    public final String getFullDisplayName() {
        throw stub();
    }

    @Override
    public final String getUrl() {
        throw stub();
    }

    @Override
    public String getShortUrl() {
        throw stub();
    }

    @Override
    public void onLoad(ItemGroup<? extends Item> parent, String name) throws IOException {
        throw stub();
    }

    @Override
    public void onCopiedFrom(Item src) {
        throw stub();
    }

    @Override
    public void save() throws IOException {
        throw stub();
    }

    @Override
    public void delete() throws IOException, InterruptedException {
        throw stub();
    }

    @Override
    public File getRootDir() {
        throw stub();
    }

    @Override
    public Search getSearch() {
        throw stub();
    }

    @Override
    public final SearchIndex getSearchIndex() {
        throw stub();
    }

    @Override
    public String getSearchName() {
        throw stub();
    }

    @Override
    public String getSearchUrl() {
        throw stub();
    }

    @Override
    public ACL getACL() {
        throw stub();
    }

    private static UnsupportedOperationException stub() {
        return new UnsupportedOperationException("stand-in: needs Jenkins");
    }
}
