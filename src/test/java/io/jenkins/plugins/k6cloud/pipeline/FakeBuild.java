package io.jenkins.plugins.k6cloud.pipeline;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A build that only records the actions and results the step gives it. */
public final class FakeBuild extends Run<FakeBuild.FakeJob, FakeBuild> {
    public final List<Action> added = new CopyOnWriteArrayList<>();
    final List<Result> results = new CopyOnWriteArrayList<>();
    /** The thread of each {@link #addAction}. */
    final List<String> addedOn = new CopyOnWriteArrayList<>();

    public FakeBuild() {
        super(new FakeJob(), 0L);
    }

    /** The build before this one, or {@code null}. */
    public volatile FakeBuild previous;

    @Override
    public FakeBuild getPreviousBuild() {
        return previous;
    }

    @Override
    public String getDisplayName() {
        return "#" + getNumber();
    }

    @Override
    public int getNumber() {
        return previous == null ? 1 : previous.getNumber() + 1;
    }

    @Override
    public <T extends Action> List<T> getActions(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Action a : added) {
            if (type.isInstance(a)) {
                out.add(type.cast(a));
            }
        }
        return out;
    }

    @Override
    public void addAction(Action a) {
        added.add(a);
        addedOn.add(Thread.currentThread().getName());
    }

    @Override
    public void setResult(Result r) {
        results.add(r);
    }

    /** The job of a {@link FakeBuild}. */
    public static final class FakeJob extends Job<FakeJob, FakeBuild> {
        public volatile FakeBuild last;

        public FakeJob() {
            super(null, "fake");
        }

        @Override
        public FakeBuild getLastBuild() {
            return last;
        }

        @Override
        protected SortedMap<Integer, ? extends FakeBuild> _getRuns() {
            return new TreeMap<>();
        }

        @Override
        protected void removeRun(FakeBuild run) {}

        @Override
        public boolean isBuildable() {
            return false;
        }
    }
}
