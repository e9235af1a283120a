package hudson;

import java.util.AbstractList;
import jenkins.model.Jenkins;

/** Stand-in of jenkins-core's {@code hudson.ExtensionList}: no extensions offline. */
public class ExtensionList<T> extends AbstractList<T> {
    protected ExtensionList(Jenkins jenkins, Class<T> extensionType) {}

    public static <U> U lookupSingleton(Class<U> type) {
        throw new IllegalStateException("stand-in: no Jenkins, so no " + type.getName() + " extension");
    }

    @Override
    public T get(int index) {
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public int size() {
        return 0;
    }
}
