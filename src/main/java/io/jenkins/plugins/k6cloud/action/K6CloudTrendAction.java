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
 * The trend of a job's k6 Cloud runs on the job's page ({@code jobMain.jelly}, which the job pages of
 * freestyle and Pipeline jobs include for each of their actions): one chart per load test over the
 * last {@link TrendChart#DEFAULT_BUILDS} builds, drawn as SVG from what each build's
 * {@link K6CloudRunAction} kept. Not saved: {@link Factory} adds it to every job, and the charts are
 * drawn when the page asks for them.
 */
public class K6CloudTrendAction implements Action {
    private final transient Run<?, ?> lastBuild;

    K6CloudTrendAction(Run<?, ?> lastBuild) {
        this.lastBuild = lastBuild;
    }

    /** One chart per load test; empty when none of the last builds ran a k6 Cloud load test. */
    public List<TrendChart.Chart> getCharts() {
        return TrendChart.render(builds(lastBuild, TrendChart.DEFAULT_BUILDS), TrendChart.DEFAULT_BUILDS);
    }

    /** {@code last} and the builds before it, at most {@code max}, with their k6 Cloud runs. */
    static List<TrendChart.Build> builds(Run<?, ?> last, int max) {
        List<TrendChart.Build> builds = new ArrayList<>();
        for (Run<?, ?> r = last; r != null && builds.size() < max; r = r.getPreviousBuild()) {
            List<TrendChart.Run> runs = new ArrayList<>();
            for (K6CloudRunAction a : r.getActions(K6CloudRunAction.class)) {
                runs.add(new TrendChart.Run("load test " + a.getTestId(), a.getVerdict(), a.figures()));
            }
            // relative to the job's page, where the chart is shown
            builds.add(new TrendChart.Build(r.getNumber(), r.getNumber() + "/", runs));
        }
        return builds;
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

    /** Gives every job that has builds the trend action. */
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
