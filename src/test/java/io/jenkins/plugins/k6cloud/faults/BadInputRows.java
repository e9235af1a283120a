package io.jenkins.plugins.k6cloud.faults;

import static io.jenkins.plugins.k6cloud.engine.Verdict.CONFIGURATION_ERROR;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.AbortException;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.ApiToken;
import io.jenkins.plugins.k6cloud.api.ClientOptions;
import io.jenkins.plugins.k6cloud.api.HttpK6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudClient;
import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import io.jenkins.plugins.k6cloud.api.RetryPolicy;
import io.jenkins.plugins.k6cloud.cli.K6CloudCli;
import io.jenkins.plugins.k6cloud.config.K6CloudGlobalConfiguration;
import io.jenkins.plugins.k6cloud.engine.FastForwardScheduler;
import io.jenkins.plugins.k6cloud.engine.RunEngine;
import io.jenkins.plugins.k6cloud.engine.RunOutcome;
import io.jenkins.plugins.k6cloud.engine.Scheduler.ThreadPoolScheduler;
import io.jenkins.plugins.k6cloud.engine.Verdict;
import io.jenkins.plugins.k6cloud.support.FormChecks;
import io.jenkins.plugins.k6cloud.support.K6CloudCredentials;
import io.jenkins.plugins.k6cloud.support.RunConfig;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/**
 * Bad input, through the code paths the command-line runner and the Jenkins glue use: wrong test ids, tokens
 * (refused where they enter, naming where they came from, with no request) and API URLs, a server that is not
 * k6 Cloud, and one that redirects: each answered with a message that says what to fix.
 *
 * <p>Redirects: the k6 Cloud API does not redirect, so a 3xx means the API URL is wrong (a web
 * page, http instead of https, a moved proxy). The client must not follow it: following would
 * send the request (a start, even) to a server the user never configured, turn a POST into a GET
 * for 301/302, and drop the token across hosts so that the answer blames the token. The expected
 * answer is a failed start that names the redirect status, with nothing sent to the target.
 */
final class BadInputRows {
    static final String CATEGORY = "bad input";
    static final long SOME_TEST = 1234;
    private static final List<String> BAD_TEST_IDS = List.of("-5", "0", "99999999999999999999", "12ab");

    /**
     * Tokens that cannot be sent, by what is wrong with them, made from the rig's token: the ones with a character
     * inside hold it twice (a paste of two lines, say), so that the token scan catches a message that quotes any part
     * of the value.
     */
    private static final Map<String, UnaryOperator<String>> BAD_TOKENS = new LinkedHashMap<>();

    static {
        BAD_TOKENS.put("empty token", t -> "");
        BAD_TOKENS.put("token of only spaces", t -> "   ");
        BAD_TOKENS.put("token with a line break inside", t -> t + "\n" + t);
        BAD_TOKENS.put("token with a tab inside", t -> t + "\t" + t);
        BAD_TOKENS.put("token with a non-ASCII letter inside", t -> t + "\u00e9" + t);
    }

    /** The id of the "Secret text" credentials of the credentials rows. */
    private static final String CREDENTIALS_ID = "k6-cloud-token-pasted";

    private BadInputRows() {}

    private static FaultScenario row(String name, Verdict verdict, FaultScenario.Script script) {
        return FaultScenario.of(CATEGORY, name, verdict, script);
    }

    private static FaultScenario rejected(String name, FaultScenario.Script script) {
        return FaultScenario.rejected(CATEGORY, name, script);
    }

    static List<FaultScenario> rows() {
        List<FaultScenario> rows = new ArrayList<>();
        for (String id : BAD_TEST_IDS) {
            rows.add(rejected(
                    "test id '" + id + "' (command line)",
                    rig -> cli(rig, tokenEnv(rig), "--api-url", rig.sim.baseUrl(), "--test-id", id)));
            rows.add(rejected("test id '" + id + "' (build step)", rig -> gluedTestId(rig, id)));
        }
        BAD_TOKENS.forEach((shown, bad) -> {
            rows.add(rejected(shown + " (command line)", rig -> {
                Map<String, String> env = Map.of(K6CloudDefaults.TOKEN_VARIABLE, bad.apply(rig.token));
                Played p = cli(rig, env, "--api-url", rig.sim.baseUrl(), "--test-id", "1");
                rig.check(
                        p.message().contains(K6CloudDefaults.TOKEN_VARIABLE), "the message does not name the variable");
                noStackTrace(rig, p.message());
                return p;
            }));
            rows.add(rejected(shown + " (build step, K6_CLOUD_TOKEN)", rig -> gluedToken(rig, bad.apply(rig.token))));
            rows.add(
                    rejected(shown + " (Secret text credentials)", rig -> credentialsToken(rig, bad.apply(rig.token))));
        });
        for (String url : List.of("not a url", "ftp://api.k6.io")) {
            rows.add(rejected(
                    "API URL '" + url + "' (command line)",
                    rig -> cli(rig, tokenEnv(rig), "--api-url", url, "--test-id", "1")));
            rows.add(rejected("API URL '" + url + "' (global configuration)", rig -> gluedApiUrl(rig, url)));
        }
        rows.add(row("API URL of a web server answering HTML 200 (build step)", CONFIGURATION_ERROR, rig -> {
            Played p = notK6(rig, rig.fake(FakeServer.html(200)));
            String m = p.message();
            rig.check(
                    m.indexOf("API URL") == m.lastIndexOf("API URL"),
                    "the advice about the API URL is given more than once: " + m);
            return p;
        }));
        rows.add(row(
                "API URL of a web server answering 404 (build step)",
                CONFIGURATION_ERROR,
                rig -> notK6(rig, rig.fake(FakeServer.text(404)))));
        rows.add(row("API URL of a web server answering HTML 200 (command line)", CONFIGURATION_ERROR, rig -> {
            FakeServer web = rig.fake(FakeServer.html(200));
            Played p = cli(rig, tokenEnv(rig), "--api-url", web.uri().toString(), "--test-id", "1234");
            rig.check(starts(web) == 1, "expected 1 start request to the web server, saw " + web.seen());
            return p;
        }));
        rows.add(rejected(
                "Test connection to a web server answering HTML 200",
                rig -> testConnection(rig, rig.fake(FakeServer.html(200)), null)));
        rows.add(rejected(
                "Test connection to a web server answering 404",
                rig -> testConnection(rig, rig.fake(FakeServer.text(404)), null)));
        for (int status : new int[] {301, 302}) {
            rows.add(row("API URL that redirects (" + status + ") to a web page", CONFIGURATION_ERROR, rig -> {
                FakeServer target = rig.fake(FakeServer.html(200));
                FakeServer moved = rig.fake(FakeServer.redirect(status, target.uri()));
                Played p = notK6(rig, moved);
                rig.check(target.seen().isEmpty(), "the redirect was followed: " + target.seen());
                rig.check(p.message().contains("HTTP " + status), "the message does not name the redirect");
                return p;
            }));
        }
        rows.add(row("API URL that redirects (307) to k6 Cloud on another port", CONFIGURATION_ERROR, rig -> {
            FakeServer moved = rig.fake(FakeServer.redirect(307, rig.sim.uri()));
            Played p = notK6(rig, moved);
            rig.check(
                    rig.sim.journal().totalRequests() == 0,
                    "the redirect was followed: " + rig.sim.journal().requests());
            rig.check(p.message().contains("HTTP 307"), "the message does not name the redirect");
            return p;
        }));
        rows.add(rejected("Test connection to an API URL that redirects (302)", rig -> {
            FakeServer target = rig.fake(FakeServer.html(200));
            Played p = testConnection(rig, rig.fake(FakeServer.redirect(302, target.uri())), "HTTP 302");
            rig.check(target.seen().isEmpty(), "the redirect was followed: " + target.seen());
            return p;
        }));
        return rows;
    }

    static Map<String, String> tokenEnv(Rig rig) {
        Map<String, String> env = new HashMap<>();
        env.put(K6CloudDefaults.TOKEN_VARIABLE, rig.token);
        return env;
    }

    /** The command-line runner in-process, its client pointed wherever the arguments say. */
    static Played cli(Rig rig, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        return played(rig, cli(rig, env, out, err).run(args), out, err);
    }

    /**
     * The command-line runner in-process, printing to {@code out} and {@code err}; its client (of the flavour and stack
     * id the arguments choose) pauses in the row's virtual time.
     */
    static K6CloudCli cli(Rig rig, Map<String, String> env, OutputStream out, OutputStream err) {
        return new K6CloudCli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env,
                t -> rig.client(t.flavour(), t.apiUrl(), t.token().plainText(), t.stackId()),
                () -> Optional.empty(),
                () -> new RunEngine(
                        new FastForwardScheduler(new ThreadPoolScheduler("k6-faults-cli", 1), rig.clock), rig.clock));
    }

    /** What the runner did with exit code {@code code}; a rejection must have sent nothing and said why. */
    static Played played(Rig rig, int code, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        Played p = Played.cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        if (Expected.REJECTED.equals(p.verdict())) {
            rig.checkNoRequests();
            rig.check(!p.message().isBlank(), "no message on standard error");
        }
        return p;
    }

    /** What the build step does with the test id it was given (and what its form says about it). */
    private static Played gluedTestId(Rig rig, String text) {
        rig.check(FormChecks.testId(text).kind == FormValidation.Kind.ERROR, "the form accepts '" + text + "'");
        try {
            long id = FormChecks.resolveTestId(text, s -> s);
            return new Played("ACCEPTED " + id, null, "", List.of());
        } catch (IllegalArgumentException e) {
            AbortException abort = new AbortException(e.getMessage());
            rig.check(abort.getMessage().contains(text), "the message does not quote '" + text + "'");
            rig.said(abort);
            try {
                rig.engine.start(Long.parseLong(text), rig.settings(), rig.client(), rig.console);
                if (Long.parseLong(text) <= 0) {
                    rig.check(false, "the engine accepted test id " + text);
                }
            } catch (IllegalArgumentException expected) { // NumberFormatException included
                rig.said(expected);
            }
            rig.checkNoRequests();
            return Played.rejected(abort.getMessage());
        }
    }

    /** What the build step does with the build's K6_CLOUD_TOKEN (empty, or a token that cannot be sent). */
    private static Played gluedToken(Rig rig, String token) {
        Map<String, String> env = Map.of(K6CloudDefaults.TOKEN_VARIABLE, token);
        try {
            ApiToken.of(token);
            rig.check(false, "ApiToken accepted a token that cannot be sent");
        } catch (IllegalArgumentException e) {
            rig.said(e);
        }
        try {
            K6CloudCredentials.token(null, K6CloudCredentials.chooseSource(null, null, env), env, rig.sim.baseUrl());
            return new Played("ACCEPTED", null, "", List.of());
        } catch (AbortException | IllegalArgumentException e) {
            rig.check(
                    e.getMessage().contains(K6CloudDefaults.TOKEN_VARIABLE), "the message does not name the variable");
            rig.checkNoRequests();
            return Played.rejected(e.getMessage());
        }
    }

    /** What a build (and Test connection) does with "Secret text" credentials holding {@code token}. */
    private static Played credentialsToken(Rig rig, String token) {
        StringCredentials c =
                new StringCredentialsImpl(CredentialsScope.GLOBAL, CREDENTIALS_ID, "pasted", Secret.fromString(token));
        try {
            K6CloudCredentials.tokenOf(c);
            return new Played("ACCEPTED", null, "", List.of());
        } catch (AbortException e) {
            rig.said(e);
            rig.check(e.getMessage().contains("'" + CREDENTIALS_ID + "'"), "the message does not name the credentials");
            rig.checkNoRequests();
            return Played.rejected(e.getMessage());
        }
    }

    private static void noStackTrace(Rig rig, String output) {
        rig.check(!output.contains("Exception") && !output.contains("\tat "), "a stack trace was printed: " + output);
    }

    /** The API URL as saved in the global configuration: its form check, then the client of a run. */
    private static Played gluedApiUrl(Rig rig, String url) {
        FormValidation form = FormChecks.url(url, RunConfig.DEFAULT_API_URL);
        rig.check(form.kind == FormValidation.Kind.ERROR, "the form accepts '" + url + "'");
        rig.said(form.getMessage());
        try {
            clientForRun(rig, settings(url));
            return new Played("ACCEPTED", null, "", List.of());
        } catch (RuntimeException e) {
            rig.said(e);
            rig.check(
                    String.valueOf(e.getMessage()).contains("API URL"),
                    "a run with this saved URL fails with a message that does not say to fix the API URL: " + e);
            return Played.rejected(e.getMessage());
        }
    }

    /**
     * The client {@code RunConfig.Connection.clientForRun} builds from the saved settings (the same URL, token and
     * default retries), without Jenkins' proxy: the offline stand-in of {@code JenkinsOkHttpClient} needs a running
     * Jenkins.
     */
    private static K6CloudClient clientForRun(Rig rig, RunConfig.Connection settings) {
        return rig.client(ApiFlavour.V2, settings.apiUri(), rig.token, settings.stackId());
    }

    /** The client of {@code RunConfig.Connection.formCheckOptions()}: one attempt, 15 s timeouts. */
    private static K6CloudClient clientForFormCheck(Rig rig, RunConfig.Connection settings) {
        Duration t = Duration.ofSeconds(15);
        ClientOptions options = rig.inVirtualTime(ClientOptions.defaults())
                .withStackId(settings.stackId())
                .withRetryPolicy(RetryPolicy.noRetries())
                .withTimeouts(t, t, t);
        return new HttpK6CloudClient(ApiFlavour.V2, rig.http(), settings.apiUri(), ApiToken.of(rig.token), options);
    }

    private static long starts(FakeServer server) {
        return server.seen().stream().filter(s -> s.method().equals("POST")).count();
    }

    private static RunConfig.Connection settings(String apiUrl) {
        return new RunConfig.Connection(null, apiUrl, null, null);
    }

    /** A run of the build step whose API URL is {@code server}, which is not k6 Cloud. */
    private static Played notK6(Rig rig, FakeServer server) {
        K6CloudClient client = clientForRun(rig, settings(server.uri().toString()));
        RunOutcome o = rig.finish(rig.start(SOME_TEST, rig.settings(), client));
        rig.check(o.runId() == null, "a run id came from a server that is not k6 Cloud: " + o.runId());
        rig.check(starts(server) == 1, "expected 1 start request (not repeated), saw " + server.seen());
        rig.check(
                o.message().contains("API URL") || o.message().contains("HTTP 3"),
                "the message does not point at the API URL: " + o.message());
        return Played.of(o);
    }

    /** "Test connection" in the global configuration, against {@code server}. */
    private static Played testConnection(Rig rig, FakeServer server, String mustSay) {
        RunConfig.Connection settings = settings(server.uri().toString());
        K6CloudClient client = clientForFormCheck(rig, settings);
        FormValidation v = K6CloudGlobalConfiguration.checkToken(settings.apiFlavour(), settings.apiUrl(), f -> client);
        rig.check(v.kind == FormValidation.Kind.ERROR, "Test connection said " + v.kind + ": " + v.getMessage());
        rig.check(server.seen().size() == 1, "expected 1 request, saw " + server.seen());
        rig.check(
                String.valueOf(v.getMessage()).contains("API URL")
                        || String.valueOf(v.getMessage()).contains("HTTP 3"),
                "the message does not point at the API URL: " + v.getMessage());
        if (mustSay != null) {
            rig.check(String.valueOf(v.getMessage()).contains(mustSay), "the message does not say " + mustSay);
        }
        return v.kind == FormValidation.Kind.ERROR
                ? Played.rejected(v.getMessage())
                : new Played("ACCEPTED", null, v.getMessage(), List.of(String.valueOf(v.getMessage())));
    }
}
