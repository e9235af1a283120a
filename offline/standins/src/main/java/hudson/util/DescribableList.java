package hudson.util;

import hudson.model.Describable;
import hudson.model.Descriptor;

/** Stand-in of jenkins-core's {@code hudson.util.DescribableList} (named by {@code AbstractProject}). */
public class DescribableList<T extends Describable<T>, D extends Descriptor<T>> {
    protected DescribableList() {}

    public boolean add(T item) {
        throw new UnsupportedOperationException("stand-in");
    }
}
