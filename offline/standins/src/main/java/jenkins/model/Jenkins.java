package jenkins.model;

import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;
import hudson.security.SecurityRealm;
import java.io.File;
import java.io.IOException;
import java.util.List;

/** Stand-in of jenkins-core's {@code jenkins.model.Jenkins}: there is no Jenkins offline. */
public class Jenkins implements AccessControlled, ItemGroup<TopLevelItem> {
    public static final Permission ADMINISTER = Permission.fromId("hudson.model.Hudson.Administer");

    private Jenkins() {}

    public static Jenkins get() throws IllegalStateException {
        throw new IllegalStateException("stand-in: Jenkins is not running");
    }

    public static Jenkins getInstanceOrNull() {
        return null;
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public String getDisplayName() {
        return "Jenkins";
    }

    @Override
    public String getFullName() {
        return "";
    }

    @Override
    public String getFullDisplayName() {
        return "";
    }

    @Override
    public List<TopLevelItem> getItems() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public String getUrl() {
        return "";
    }

    @Override
    public String getUrlChildPrefix() {
        return "job";
    }

    @Override
    public TopLevelItem getItem(String name) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public File getRootDirFor(TopLevelItem child) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public void onDeleted(TopLevelItem item) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public File getRootDir() {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public void save() throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public static final Permission READ = Permission.fromId("hudson.model.Hudson.Read");

    public void setSecurityRealm(SecurityRealm securityRealm) {
        throw new UnsupportedOperationException("stand-in");
    }

    public void setAuthorizationStrategy(AuthorizationStrategy a) {
        throw new UnsupportedOperationException("stand-in");
    }

    public void setNumExecutors(int n) throws IOException, IllegalArgumentException {
        throw new UnsupportedOperationException("stand-in");
    }
}
