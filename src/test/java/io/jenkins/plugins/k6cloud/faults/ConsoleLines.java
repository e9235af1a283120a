package io.jenkins.plugins.k6cloud.faults;

import io.jenkins.plugins.k6cloud.engine.RunEvents;
import io.jenkins.plugins.k6cloud.engine.WatchState;
import java.util.ArrayList;
import java.util.List;

/** What the engine told the build: its console lines and the states it asked to persist. */
final class ConsoleLines implements RunEvents {
    private final List<String> lines = new ArrayList<>();
    private final List<WatchState> states = new ArrayList<>();

    @Override
    public synchronized void onLine(String line) {
        lines.add(line);
    }

    @Override
    public synchronized void onStarted(WatchState state) {
        states.add(state);
    }

    @Override
    public synchronized void onStateChanged(WatchState state) {
        states.add(state);
    }

    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** Every state handed out, as {@code toString()}, for the token scan. */
    synchronized List<String> statesAsText() {
        List<String> out = new ArrayList<>();
        states.forEach(s -> out.add(s.toString()));
        return out;
    }

    synchronized WatchState lastState() {
        return states.isEmpty() ? null : states.get(states.size() - 1);
    }

    synchronized String text() {
        return String.join("\n", lines);
    }
}
