package hudson.model;

/** Stand-in of jenkins-core's {@code hudson.model.TopLevelItemDescriptor}. */
public abstract class TopLevelItemDescriptor extends Descriptor<TopLevelItem> {
    protected TopLevelItemDescriptor() {}

    public abstract TopLevelItem newInstance(ItemGroup parent, String name);
}
