package hudson.model;

/** Stand-in of jenkins-core's {@code hudson.model.StringParameterDefinition}, for tests with build parameters. */
public class StringParameterDefinition extends ParameterDefinition {
    private static final long serialVersionUID = 1L;

    public StringParameterDefinition(String name, String defaultValue) {
        super(name);
    }
}
