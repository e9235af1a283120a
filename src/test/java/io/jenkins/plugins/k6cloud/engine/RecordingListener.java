package io.jenkins.plugins.k6cloud.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Keeps everything the engine told it, for assertions. */
final class RecordingListener implements RunEvents {
    private final List<String> lines = new ArrayList<>();
    private final List<WatchState> started = new ArrayList<>();
    private final List<WatchState> changes = new ArrayList<>();
    private final boolean echo;

    RecordingListener() {
        this(Boolean.getBoolean("k6cloud.test.echo"));
    }

    RecordingListener(boolean echo) {
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
    }

    @Override
    public synchronized void onStateChanged(WatchState state) {
        changes.add(state);
    }

    synchronized List<String> lines() {
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

    synchronized String text() {
        return String.join("\n", lines);
    }
}
