package io.jenkins.plugins.k6cloud.action;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.k6cloud.results.TrendChart;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * The trend of a job's k6 Cloud runs on the job's page ({@code jobMain.jelly}), drawn from what the last
 * builds' {@link K6CloudRunAction}s kept. Not saved: {@link Factory} adds it to every job with builds.
 */
public class K6CloudTrendAction implements Action {
    private final transient Run<?, ?> lastBuild;

    K6CloudTrendAction(Run<?, ?> lastBuild) {
        this.lastBuild = lastBuild;
    }

    /** One chart per load test; empty when none of the last builds ran a k6 Cloud load test. */
    public List<TrendChart.Chart> getCharts() {
        List<TrendChart.Build> builds = new ArrayList<>();
        Run<?, ?> r = lastBuild;
        for (int i = 0; r != null && i < TrendChart.DEFAULT_BUILDS; i++, r = r.getPreviousBuild()) {
            List<TrendChart.Run> runs = new ArrayList<>();
            for (K6CloudRunAction a : r.getActions(K6CloudRunAction.class)) {
                runs.add(new TrendChart.Run("load test " + a.getTestId(), a.getVerdict(), a.figures()));
            }
            builds.add(new TrendChart.Build(r.getNumber(), r.getNumber() + "/", runs)); // relative to the job page
        }
        return TrendChart.render(builds);
    }

    /** Only on the job's page, no link of its own. */
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Messages.K6CloudTrendAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return null;
    }

    @Extension
    @SuppressWarnings("rawtypes") // Job's type parameters are recursive: the factory is for every kind of job
    public static final class Factory extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @Override
        public Collection<? extends Action> createFor(Job target) {
            Run<?, ?> last = target.getLastBuild();
            return last == null ? List.of() : List.of(new K6CloudTrendAction(last));
        }
    }
}
