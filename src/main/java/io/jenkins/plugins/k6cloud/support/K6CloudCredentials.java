package io.jenkins.plugins.k6cloud.support;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/** The token as "Secret text" credentials; an {@link ApiToken} only at the moment of the call, never saved. */
public final class K6CloudCredentials {
    /**
     * Not SYSTEM: for an item {@code SystemCredentialsProvider.ProviderImpl.getCredentialsInItem} leaves them out,
     * so a build never finds them. The global default is chosen among these: what Test connection accepts, builds get.
     */
    private static final CredentialsMatcher USABLE_BY_BUILDS =
            CredentialsMatchers.not(CredentialsMatchers.withScope(CredentialsScope.SYSTEM));

    private K6CloudCredentials() {}

    /** The step's credentials, then a non-blank {@code K6_CLOUD_TOKEN}, then the global default; {@code null}: the variable. */
    public static String chooseSource(String stepCredentialsId, String globalCredentialsId, Map<String, String> env) {
        String id = RunConfig.blankToNull(stepCredentialsId);
        if (id != null) {
            return id;
        }
        // a blank value (e.g. an empty string parameter of that name) must not hide the default
        if (env != null && RunConfig.blankToNull(env.get(K6CloudDefaults.TOKEN_VARIABLE)) != null) {
            return null;
        }
        String global = RunConfig.blankToNull(globalCredentialsId);
        if (global != null) {
            return global;
        }
        throw new IllegalArgumentException(Messages.K6CloudCredentials_NoToken(K6CloudDefaults.TOKEN_VARIABLE));
    }

    /** From the credentials {@code id}, or {@code K6_CLOUD_TOKEN} when it is {@code null}. */
    public static ApiToken token(Run<?, ?> run, String id, Map<String, String> env, String apiUrl)
            throws AbortException {
        if (id == null) {
            String value = env == null ? null : env.get(K6CloudDefaults.TOKEN_VARIABLE);
            return checked(value, Messages.K6CloudCredentials_InVariable(K6CloudDefaults.TOKEN_VARIABLE));
        }
        List<DomainRequirement> requirements = requirements(apiUrl);
        StringCredentials c = CredentialsProvider.findCredentialById(id, StringCredentials.class, run, requirements);
        if (c == null) {
            IdCredentials other = CredentialsProvider.findCredentialById(id, IdCredentials.class, run, requirements);
            throw new AbortException(
                    other == null
                            ? Messages.K6CloudCredentials_NotFound(id)
                            : Messages.K6CloudCredentials_WrongType(
                                    id, other.getDescriptor().getDisplayName()));
        }
        // findCredentialById tracks only credentials that come from a build parameter (credentials-plugin
        // 1511: "TODO should this be calling track?" for plain ids): record this build's use ourselves
        CredentialsProvider.track(run, c);
        return tokenOf(c);
    }

    /** Credentials chosen in a form of {@code item} ({@code null}: Jenkins); the caller has checked the permission. */
    public static ApiToken formToken(Item item, String id, String apiUrl) throws AbortException {
        List<DomainRequirement> requirements = requirements(apiUrl);
        StringCredentials c = item == null
                ? CredentialsProvider.findCredentialByIdInItemGroup(
                        id, StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, requirements)
                : CredentialsProvider.findCredentialByIdInItem(
                        id, StringCredentials.class, item, authenticationOf(item), requirements);
        if (c == null) {
            throw new AbortException(Messages.K6CloudCredentials_NotFound(id));
        }
        if (!USABLE_BY_BUILDS.matches(c)) {
            throw new AbortException(Messages.K6CloudCredentials_SystemScope(id));
        }
        return tokenOf(c);
    }

    /** The credentials consumer guide: only the current value for people who may not configure {@code item}. */
    public static ListBoxModel fillItems(Item item, String currentValue, String apiUrl) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (item == null) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return result.includeCurrentValue(currentValue);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(
                            ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, requirements(apiUrl), USABLE_BY_BUILDS)
                    .includeCurrentValue(currentValue);
        }
        if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return result.includeCurrentValue(currentValue);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(
                        authenticationOf(item),
                        item,
                        StringCredentials.class,
                        requirements(apiUrl),
                        CredentialsMatchers.always())
                .includeCurrentValue(currentValue);
    }

    /** A form offers and checks what a build of {@code item} could use. */
    private static Authentication authenticationOf(Item item) {
        return item instanceof Queue.Task ? Tasks.getAuthenticationOf2((Queue.Task) item) : ACL.SYSTEM2;
    }

    public static ApiToken tokenOf(StringCredentials c) throws AbortException {
        return checked(c.getSecret().getPlainText(), Messages.K6CloudCredentials_InCredentials(c.getId()));
    }

    private static ApiToken checked(String value, String source) throws AbortException {
        try {
            return ApiToken.of(value, source);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    private static List<DomainRequirement> requirements(String apiUrl) {
        return URIRequirementBuilder.fromUri(apiUrl).build();
    }
}
