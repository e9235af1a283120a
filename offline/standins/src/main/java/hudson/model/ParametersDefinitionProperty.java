package hudson.model;

/** Stand-in of jenkins-core's {@code hudson.model.ParametersDefinitionProperty}: the parameters of a job. */
public class ParametersDefinitionProperty extends JobProperty<Job<?, ?>> {
    public ParametersDefinitionProperty(ParameterDefinition... parameterDefinitions) {}
}
