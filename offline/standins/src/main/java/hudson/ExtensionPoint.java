package hudson;

/** Stand-in of jenkins-core's {@code hudson.ExtensionPoint}. */
public interface ExtensionPoint {}
