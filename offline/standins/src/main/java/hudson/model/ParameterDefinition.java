package hudson.model;

import java.io.Serializable;

/** Stand-in of jenkins-core's {@code hudson.model.ParameterDefinition}. */
public abstract class ParameterDefinition implements Serializable {
    private static final long serialVersionUID = 1L;

    protected ParameterDefinition(String name) {}
}
