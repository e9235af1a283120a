package hudson.model;

import hudson.search.Search;
import hudson.search.SearchIndex;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.File;
import java.io.IOException;
import java.util.Collection;

/** Stand-in of jenkins-core's {@code hudson.model.Item}, with every abstract method it has in Jenkins. */
public interface Item extends ModelObject, Saveable, AccessControlled {
    Permission CONFIGURE = Permission.fromId("hudson.model.Item.Configure");
    Permission EXTENDED_READ = Permission.fromId("hudson.model.Item.ExtendedRead");
    Permission READ = Permission.fromId("hudson.model.Item.Read");

    ItemGroup<? extends Item> getParent();

    Collection<? extends Job> getAllJobs();

    String getName();

    String getFullName();

    @Override
    String getDisplayName();

    String getFullDisplayName();

    String getUrl();

    String getShortUrl();

    void onLoad(ItemGroup<? extends Item> parent, String name) throws IOException;

    void onCopiedFrom(Item src);

    @Override
    void save() throws IOException;

    void delete() throws IOException, InterruptedException;

    File getRootDir();

    Search getSearch();

    SearchIndex getSearchIndex();

    String getSearchName();

    String getSearchUrl();
}
