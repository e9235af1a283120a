package hudson.model.listeners;

import hudson.ExtensionPoint;

/** Stand-in of jenkins-core's {@code hudson.model.listeners.ItemListener} (only what the plugin overrides). */
public class ItemListener implements ExtensionPoint {
    /** Called before Jenkins shuts down, before the {@code @Terminator} methods run. */
    public void onBeforeShutdown() {}
}
