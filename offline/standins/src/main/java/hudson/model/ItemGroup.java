package hudson.model;

import java.io.File;
import java.io.IOException;
import java.util.Collection;
import org.springframework.security.access.AccessDeniedException;

/** Stand-in of jenkins-core's {@code hudson.model.ItemGroup}, with every abstract method it has in Jenkins. */
public interface ItemGroup<T extends Item> extends ModelObject, Saveable {
    String getFullName();

    String getFullDisplayName();

    Collection<T> getItems();

    String getUrl();

    String getUrlChildPrefix();

    T getItem(String name) throws AccessDeniedException;

    File getRootDirFor(T child);

    void onDeleted(T item) throws IOException;

    File getRootDir();
}
