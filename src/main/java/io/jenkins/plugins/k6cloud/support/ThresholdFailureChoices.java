package io.jenkins.plugins.k6cloud.support;

import hudson.util.ListBoxModel;

/** The choices of the "when thresholds fail" drop-down; empty means the default (FAILURE). */
public final class ThresholdFailureChoices {
    private ThresholdFailureChoices() {}

    public static ListBoxModel items() {
        ListBoxModel m = new ListBoxModel();
        m.add(Messages.ThresholdFailure_Default("FAILURE"), "");
        m.add(Messages.ThresholdFailure_FAILURE(), "FAILURE");
        m.add(Messages.ThresholdFailure_UNSTABLE(), "UNSTABLE");
        return m;
    }
}
