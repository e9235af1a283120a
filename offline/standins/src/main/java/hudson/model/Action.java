package hudson.model;

/** Stand-in of jenkins-core's {@code hudson.model.Action}. */
public interface Action extends ModelObject {
    String getIconFileName();

    @Override
    String getDisplayName();

    String getUrlName();
}
