package com.cloudbees.hudson.plugins.folder;

import hudson.model.TopLevelItem;
import java.io.IOException;

/**
 * Stand-in of cloudbees-folder's {@code Folder} (not in the API reference, so not checked):
 * abstract with a private constructor, since only Jenkins creates items.
 */
public abstract class Folder implements TopLevelItem {
    private Folder() {}

    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException("stand-in: needs cloudbees-folder");
    }
}
