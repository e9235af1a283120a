package io.jenkins.plugins.k6cloud.support;

import hudson.model.TaskListener;
import io.jenkins.plugins.k6cloud.engine.RunListener;

/**
 * Writes what the engine reports to a build's console. The run link is printed as a plain URL,
 * which Jenkins' {@code UrlAnnotator} turns into a link.
 */
public class ConsoleRunListener implements RunListener {
    private final TaskListener listener;

    public ConsoleRunListener(TaskListener listener) {
        this.listener = listener;
    }

    @Override
    public void onLine(String line) {
        listener.getLogger().println(line);
    }
}
