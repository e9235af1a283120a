package hudson.model;

/** Stand-in of jenkins-core's {@code hudson.model.TopLevelItem} (the items of {@code Jenkins}). */
public interface TopLevelItem extends Item, Describable<TopLevelItem> {
    @Override
    TopLevelItemDescriptor getDescriptor();
}
