package io.jenkins.plugins.k6cloud.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Keeps everything the engine told it, for assertions (engine tests) and the token scan (fault matrix). */
public final class RecordingListener implements RunEvents {
    private final List<String> lines = new ArrayList<>();
    private final List<WatchState> started = new ArrayList<>();
    private final List<WatchState> changes = new ArrayList<>();
    /** Every state handed out to persist, by either method, in order. */
    private final List<WatchState> persisted = new ArrayList<>();

    private final boolean echo;

    public RecordingListener() {
        this(Boolean.getBoolean("k6cloud.test.echo"));
    }

    public RecordingListener(boolean echo) {
        this.echo = echo;
    }

    @Override
    public synchronized void onLine(String line) {
        lines.add(line);
        if (echo) {
            System.out.println(line);
        }
    }

    @Override
    public synchronized void onStarted(WatchState state) {
        started.add(state);
        persisted.add(state);
    }

    @Override
    public synchronized void onStateChanged(WatchState state) {
        changes.add(state);
        persisted.add(state);
    }

    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    synchronized List<String> linesContaining(String text) {
        return lines.stream().filter(l -> l.contains(text)).collect(Collectors.toList());
    }

    synchronized List<WatchState> started() {
        return new ArrayList<>(started);
    }

    synchronized List<WatchState> changes() {
        return new ArrayList<>(changes);
    }

    synchronized WatchState lastState() {
        return changes.isEmpty() ? null : changes.get(changes.size() - 1);
    }

    /** The last state handed out to persist, whether by {@link #onStarted} or {@link #onStateChanged}. */
    public synchronized WatchState lastPersisted() {
        return persisted.isEmpty() ? null : persisted.get(persisted.size() - 1);
    }

    /** Every state handed out to persist, as {@code toString()}, for the token scan. */
    public synchronized List<String> statesAsText() {
        return persisted.stream().map(WatchState::toString).collect(Collectors.toList());
    }

    synchronized String text() {
        return String.join("\n", lines);
    }
}
