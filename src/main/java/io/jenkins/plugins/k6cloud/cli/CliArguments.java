package io.jenkins.plugins.k6cloud.cli;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The command line of {@code bin/k6cloud}, read by {@link #parse}. {@code null} means "not given".
 *
 * @param help print the usage and exit
 * @param testId the load test to run
 * @param apiUrl the k6 Cloud API
 * @param webUrl the base of run links in the k6 web app
 * @param pollInterval how often to poll the run
 * @param timeout the longest the whole run may take
 * @param simulate run against the embedded k6 Cloud simulator
 * @param scenario the simulator's scenario, or {@code null} for its default
 * @param apiFlavour the k6 Cloud API to speak ({@code --api-flavour v2|v6})
 * @param stackId the Grafana stack id ({@code --stack-id}), required by v6
 * @param script the k6 script or archive to upload before the start ({@code --script})
 * @param testName the load test to create or update from it ({@code --test-name})
 * @param projectId the project of that load test ({@code --project-id})
 * @param note the run's note ({@code --note})
 */
public record CliArguments(
        boolean help,
        Long testId,
        URI apiUrl,
        String webUrl,
        Duration pollInterval,
        Duration timeout,
        boolean simulate,
        String scenario,
        ApiFlavour apiFlavour,
        Long stackId,
        Path script,
        String testName,
        Long projectId,
        String note) {

    public static final String USAGE = String.join(
            System.lineSeparator(),
            "Usage: bin/k6cloud [options]",
            "",
            "Starts a k6 Cloud load test run, follows it to the end and judges it like the Jenkins plugin does.",
            "",
            "Options:",
            "  --test-id ID          the k6 Cloud load test to run (a positive number)",
            "  --script FILE         tests as code (Grafana Cloud k6, v6): upload this k6 script (.js) or",
            "                        k6 archive (.tar, from k6 archive) first; without --test-id the load",
            "                        test named --test-name is created or updated, with --test-id that",
            "                        test's script is replaced; then it is started",
            "  --test-name NAME      the load test to create or update (default: the script's file name",
            "                        without its extension, e.g. checkout for load/checkout.js)",
            "  --project-id N        its project (default: the stack's default project)",
            "  --note TEXT           the run's note in k6 Cloud (v6; default with --script: \"Started by",
            "                        bin/k6cloud on HOST from FILE\")",
            "  --api-url URL         the k6 Cloud API, e.g. https://api.k6.io",
            "  --web-url URL         the base of run links, e.g. https://app.k6.io (default) or",
            "                        https://STACK.grafana.net/a/k6-app",
            "  --poll-interval D     how often to ask for the run's status (default 5s, at least 1s)",
            "  --timeout D           the longest the run may take before it is stopped (default 2h)",
            "  --api-flavour v2|v6   the k6 Cloud API: v2, the legacy loadtests API (default; v6 with",
            "                        --script), or v6, Grafana Cloud k6 (needs the stack id)",
            "  --stack-id N          the Grafana Cloud stack id, sent as X-Stack-Id (required with v6;",
            "                        also read from the environment variable K6_CLOUD_STACK_ID)",
            "  --simulate [SCENARIO] run against the built-in k6 Cloud simulator (the default when neither",
            "                        --api-url nor K6_CLOUD_TOKEN is given); without SCENARIO, the demo",
            "  --help                print this help",
            "",
            "Durations are written like 2s, 90s, 5m, 1h or 1h30m.",
            "The API token is read from the environment variable K6_CLOUD_TOKEN only, never from the",
            "command line.",
            "",
            "Exit codes: 0 passed, 99 thresholds failed, 97 run failed or aborted, 98 could not follow",
            "the run (k6 Cloud unreachable, or the timeout), 104 configuration error (k6 Cloud refused",
            "the start: token, stack id, load test id or API URL; or the script: k6 Cloud rejected it or",
            "found it too large; no run was created), 105 interrupted (the run was stopped; interrupted",
            "during the upload, no run is started), 2 wrong usage (also: --api-flavour v6 without a stack",
            "id, a token that cannot be sent, a --script that is missing, empty or a directory, --script",
            "with --api-flavour v2).",
            "");

    /** The options that take a value, as {@code --name VALUE} or {@code --name=VALUE}. */
    private static final Set<String> WITH_VALUE = Set.of(
            "--test-id",
            "--api-url",
            "--web-url",
            "--poll-interval",
            "--timeout",
            "--api-flavour",
            "--api-flavor",
            "--stack-id",
            "--script",
            "--test-name",
            "--project-id",
            "--note");

    /** The command line cannot be used as given; the message says what to fix. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    public static CliArguments parse(String... args) throws UsageException {
        boolean help = false;
        Long testId = null;
        URI apiUrl = null;
        String webUrl = null;
        Duration poll = null;
        Duration timeout = null;
        boolean simulate = false;
        String scenario = null;
        ApiFlavour flavour = null;
        Long stackId = null;
        Path script = null;
        String testName = null;
        Long projectId = null;
        String note = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            String value = !WITH_VALUE.contains(name) ? null : inline != null ? inline : value(args, ++i, name);
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--test-id" -> testId = testId(value);
                case "--api-url" -> apiUrl = httpUrl(value, name);
                case "--web-url" -> webUrl = httpUrl(value, name).toString();
                case "--poll-interval" -> poll = duration(value, name);
                case "--timeout" -> timeout = duration(value, name);
                case "--api-flavour", "--api-flavor" -> flavour = flavour(value, name);
                case "--stack-id" -> stackId = stackId(value, name);
                case "--script" -> script = path(value, name);
                case "--test-name" -> testName = testName(value);
                case "--project-id" -> projectId = positive(value, name, "project id", "give a positive number");
                case "--note" -> note = value;
                case "--simulate" -> {
                    simulate = true;
                    if (inline != null) {
                        scenario = inline;
                    } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                        scenario = args[++i];
                    }
                }
                case "--token", "--api-token" ->
                    throw new UsageException("The k6 Cloud API token is never given on"
                            + " the command line (it would show in the process list and the shell history): set "
                            + K6CloudDefaults.TOKEN_VARIABLE + " instead");
                default ->
                    throw new UsageException(
                            arg.startsWith("-")
                                    ? "Unknown option " + name + ": see --help for the options"
                                    : "Unexpected argument '" + arg + "': options start with --, see --help");
            }
        }
        if (simulate && apiUrl != null) {
            throw new UsageException("--simulate runs against the built-in simulator and --api-url against a real"
                    + " k6 Cloud: give one of them");
        }
        if (script == null && (testName != null || projectId != null)) {
            throw new UsageException((testName != null ? "--test-name" : "--project-id")
                    + " names the load test to create or update from a k6 script: give the script with --script FILE");
        }
        if (testId != null && (testName != null || projectId != null)) {
            throw new UsageException("--test-id chooses the load test whose script --script replaces; --test-name and"
                    + " --project-id choose one by name instead: give one of them");
        }
        return new CliArguments(
                help, testId, apiUrl, webUrl, poll, timeout, simulate, scenario, flavour, stackId, script, testName,
                projectId, note);
    }

    private static String value(String[] args, int i, String name) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(name + " needs a value: see --help");
        }
        return args[i];
    }

    private static long testId(String text) throws UsageException {
        long id;
        try {
            id = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--test-id '" + text + "' is not a number: give the numeric id of the load"
                    + " test, as in https://app.k6.io/tests/123456");
        }
        if (id <= 0) {
            throw new UsageException("--test-id " + id + " is not a load test id: give a positive number");
        }
        return id;
    }

    private static Path path(String text, String name) throws UsageException {
        try {
            if (!text.isBlank()) {
                return Path.of(text);
            }
        } catch (InvalidPathException e) {
            // reported below
        }
        throw new UsageException(
                name + " '" + text + "' is not a file path: give the k6 script, e.g. load/checkout.js");
    }

    /** The longest load test name Grafana Cloud k6 accepts (v6 {@code CreateLoadTestApiModel.name}). */
    static final int MAX_TEST_NAME = 300;

    static String testName(String text) throws UsageException {
        if (text.isBlank()) {
            throw new UsageException("--test-name is empty: give the name of the load test, e.g. checkout");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_TEST_NAME) {
            throw new UsageException("--test-name has " + length + " characters; Grafana Cloud k6 takes at most "
                    + MAX_TEST_NAME + ": give a shorter name");
        }
        return text;
    }

    /** A positive id; {@code source} names where it came from (an option or a variable). */
    private static long positive(String text, String source, String what, String hint) throws UsageException {
        try {
            long id = Long.parseLong(text.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(source + " '" + text + "' is not a " + what + ": " + hint);
    }

    /** A positive stack id; {@code source} names where it came from (an option or a variable). */
    static long stackId(String text, String source) throws UsageException {
        return positive(text, source, "stack id", "give the numeric id of your Grafana Cloud stack, e.g. 123456");
    }

    private static URI httpUrl(String text, String name) throws UsageException {
        URI uri = K6CloudDefaults.httpUri(text);
        if (uri == null) {
            throw new UsageException(name + " '" + text + "' is not an http(s) URL: write it like https://api.k6.io");
        }
        return uri;
    }

    private static ApiFlavour flavour(String text, String name) throws UsageException {
        try {
            return ApiFlavour.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    private static Duration duration(String text, String name) throws UsageException {
        try {
            return DurationFormat.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }
}
