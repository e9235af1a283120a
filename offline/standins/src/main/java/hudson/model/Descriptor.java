package hudson.model;

/**
 * Stand-in of jenkins-core's {@code hudson.model.Descriptor}. {@link #load()} and {@link #save()}
 * do nothing offline.
 */
public abstract class Descriptor<T extends Describable<T>> implements Saveable {
    protected Descriptor() {}

    protected Descriptor(Class<? extends T> clazz) {}

    public String getDisplayName() {
        return getClass().getSimpleName();
    }

    public void load() {}

    @Override
    public void save() {}

    /** Stand-in of {@code Descriptor.FormException}: a form value that cannot be accepted. */
    public static final class FormException extends Exception {
        private static final long serialVersionUID = 1L;

        public FormException(String message, String formField) {
            super(message);
        }
    }
}
