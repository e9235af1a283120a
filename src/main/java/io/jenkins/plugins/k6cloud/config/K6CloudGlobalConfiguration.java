package io.jenkins.plugins.k6cloud.config;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudException;
import io.jenkins.plugins.k6cloud.support.FormChecks;
import io.jenkins.plugins.k6cloud.support.K6CloudCredentials;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import java.util.Objects;
import java.util.function.Function;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Manage Jenkins » System » k6 Cloud, and {@code unclassified: k6Cloud:} in JCasC; every setter saves. */
@Extension
@Symbol("k6Cloud")
public class K6CloudGlobalConfiguration extends GlobalConfiguration {
    private String apiUrl = RunConfig.DEFAULT_API_URL;
    private String webAppUrl = RunConfig.DEFAULT_WEB_APP_URL;
    private String stackId;
    private String credentialsId;
    private String pollInterval = RunConfig.DEFAULT_POLL_INTERVAL;
    private String timeout = RunConfig.DEFAULT_TIMEOUT;
    /** {@code v6}, or {@code null} for v2, the default (so that a v2 configuration exports no such key). */
    private String apiFlavour;

    @SuppressFBWarnings(
            value = "MC_OVERRIDABLE_METHOD_CALL_IN_CONSTRUCTOR",
            justification = "the GlobalConfiguration pattern: its Javadoc asks the constructor to call load()")
    public K6CloudGlobalConfiguration() {
        load();
    }

    public static K6CloudGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(K6CloudGlobalConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return Messages.K6CloudGlobalConfiguration_DisplayName();
    }

    public RunConfig.Connection connection() {
        return new RunConfig.Connection(
                ApiFlavour.parse(apiFlavour), apiUrl, FormChecks.parseStackId(stackId), credentialsId);
    }

    public String getApiUrl() {
        return apiUrl;
    }

    @DataBoundSetter
    public void setApiUrl(String apiUrl) {
        this.apiUrl = orDefault(apiUrl, RunConfig.DEFAULT_API_URL);
        save();
    }

    public String getWebAppUrl() {
        return webAppUrl;
    }

    @DataBoundSetter
    public void setWebAppUrl(String webAppUrl) {
        this.webAppUrl = orDefault(webAppUrl, RunConfig.DEFAULT_WEB_APP_URL);
        save();
    }

    public String getStackId() {
        return stackId;
    }

    @DataBoundSetter
    public void setStackId(String stackId) {
        this.stackId = RunConfig.blankToNull(stackId);
        save();
    }

    public String getApiFlavour() {
        return apiFlavour;
    }

    @DataBoundSetter
    public void setApiFlavour(String apiFlavour) {
        ApiFlavour f = ApiFlavour.parse(apiFlavour);
        this.apiFlavour = f == ApiFlavour.V2 ? null : f.id();
        save();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = RunConfig.blankToNull(credentialsId);
        save();
    }

    public String getPollInterval() {
        return pollInterval;
    }

    @DataBoundSetter
    public void setPollInterval(String pollInterval) {
        this.pollInterval = orDefault(pollInterval, RunConfig.DEFAULT_POLL_INTERVAL);
        save();
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = orDefault(timeout, RunConfig.DEFAULT_TIMEOUT);
        save();
    }

    @POST
    public FormValidation doCheckApiUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormChecks.url(value, RunConfig.DEFAULT_API_URL);
    }

    @POST
    public FormValidation doCheckWebAppUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormChecks.url(value, RunConfig.DEFAULT_WEB_APP_URL);
    }

    @POST
    public FormValidation doCheckStackId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormChecks.valid(() -> FormChecks.parseStackId(value));
    }

    @POST
    public FormValidation doCheckPollInterval(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormChecks.duration(value, null, true);
    }

    @POST
    public FormValidation doCheckTimeout(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormChecks.duration(value, null, false);
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        return K6CloudCredentials.fillItems(null, credentialsId, apiUrl);
    }

    @POST
    public ListBoxModel doFillApiFlavourItems() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        ListBoxModel m = new ListBoxModel();
        for (ApiFlavour f : ApiFlavour.values()) {
            m.add(f.displayName(), f.id());
        }
        return m;
    }

    /** The typed, not yet saved, values. */
    @POST
    public FormValidation doTestConnection(
            @QueryParameter String apiUrl,
            @QueryParameter String stackId,
            @QueryParameter String credentialsId,
            @QueryParameter String apiFlavour) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return testConnection(apiUrl, stackId, credentialsId, apiFlavour);
    }

    static FormValidation testConnection(String apiUrl, String stackId, String credentialsId, String apiFlavour) {
        String url = apiUrl == null ? "" : apiUrl.strip();
        FormValidation check = FormChecks.url(url, RunConfig.DEFAULT_API_URL);
        if (check.kind == FormValidation.Kind.ERROR) {
            return check;
        }
        RunConfig.Connection typed;
        try {
            typed = new RunConfig.Connection(
                    ApiFlavour.parse(apiFlavour),
                    url,
                    FormChecks.parseStackId(stackId),
                    RunConfig.blankToNull(credentialsId));
            typed.checkStackId();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
        if (typed.credentialsId() == null) {
            return FormValidation.error(Messages.Connection_NoCredentials());
        }
        try {
            ApiToken token = K6CloudCredentials.formToken(null, typed.credentialsId(), url);
            return checkToken(typed.apiFlavour(), url, f -> {
                RunConfig.Connection c = typed.withApiFlavour(f);
                return c.client(token, c.formCheckOptions());
            });
        } catch (AbortException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** When k6 Cloud rejects the token and the other flavour accepts it, the message says to choose the other. */
    public static FormValidation checkToken(
            ApiFlavour chosen, String apiUrl, Function<ApiFlavour, K6CloudClient> clients) {
        try {
            clients.apply(chosen).checkToken();
            return FormValidation.ok(Messages.Connection_OkWith(apiUrl, chosen.displayName()));
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        } catch (K6CloudException.AuthenticationException e) {
            ApiFlavour other = chosen.other();
            return FormValidation.error(
                    accepts(other, clients)
                            ? Messages.Connection_OtherFlavour(chosen.displayName(), other.displayName())
                            : Messages.Connection_Rejected(e.httpStatus()));
        } catch (K6CloudException e) {
            return FormValidation.error(Messages.Connection_Failed(e.getMessage()));
        }
    }

    private static boolean accepts(ApiFlavour flavour, Function<ApiFlavour, K6CloudClient> clients) {
        try {
            clients.apply(flavour).checkToken();
            return true;
        } catch (K6CloudException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String orDefault(String value, String fallback) {
        return Objects.requireNonNullElse(RunConfig.blankToNull(value), fallback);
    }
}
