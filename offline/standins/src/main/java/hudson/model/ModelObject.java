package hudson.model;

/** Stand-in of jenkins-core's {@code hudson.model.ModelObject}. */
public interface ModelObject {
    String getDisplayName();
}
