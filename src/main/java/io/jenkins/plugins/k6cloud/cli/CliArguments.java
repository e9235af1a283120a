package io.jenkins.plugins.k6cloud.cli;

import io.jenkins.plugins.k6cloud.api.ApiFlavour;
import io.jenkins.plugins.k6cloud.api.DurationFormat;
import io.jenkins.plugins.k6cloud.api.K6CloudDefaults;
import io.jenkins.plugins.k6cloud.engine.RunSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/** {@code bin/k6cloud}'s command line: {@link Option} is the one table that {@link #parse} and {@link #USAGE} read. */
public record CliArguments(Map<Option, Object> values) {

    /** In the help's order; a flag has no {@code value}, an optional one is in brackets. */
    public enum Option {
        TEST_ID(
                "--test-id",
                "ID",
                "the k6 Cloud load test to run (a positive number)",
                (text, name) -> positive(
                        text, name, "load test id", "give a positive number, as in https://app.k6.io/tests/123456")),
        SCRIPT("--script", "FILE", """
                tests as code (Grafana Cloud k6, v6): upload this k6 script (.js) or
                k6 archive (.tar, from k6 archive) first; without --test-id the load
                test named --test-name is created or updated, with --test-id that
                test's script is replaced; then it is started""", CliArguments::path),
        TEST_NAME("--test-name", "NAME", """
                the load test to create or update (default: the script's file name
                without its extension, e.g. checkout for load/checkout.js)""", CliArguments::testName),
        PROJECT_ID(
                "--project-id",
                "N",
                "its project (default: the stack's default project)",
                (text, name) -> positive(text, name, "project id", "give a positive number")),
        NOTE("--note", "TEXT", """
                the run's note in k6 Cloud (v6; default with --script: "Started by
                bin/k6cloud on HOST from FILE")""", (text, name) -> text),
        API_URL("--api-url", "URL", "the k6 Cloud API, e.g. https://api.k6.io", CliArguments::httpUrl),
        WEB_URL("--web-url", "URL", """
                the base of run links, e.g. https://app.k6.io (default) or
                https://STACK.grafana.net/a/k6-app""", CliArguments::httpUrl),
        POLL_INTERVAL(
                "--poll-interval",
                "D",
                "how often to ask for the run's status (default 5s, at least 1s)",
                CliArguments::pollInterval),
        TIMEOUT(
                "--timeout",
                "D",
                "the longest the run may take before it is stopped (default 2h)",
                (text, name) -> DurationFormat.parse(text)),
        API_FLAVOUR("--api-flavour", "v2|v6", """
                the k6 Cloud API: v2, the legacy loadtests API (default; v6 with
                --script), or v6, Grafana Cloud k6 (needs the stack id)""", (text, name) -> ApiFlavour.parse(text)),
        STACK_ID("--stack-id", "N", """
                the Grafana Cloud stack id, sent as X-Stack-Id (required with v6;
                also read from the environment variable K6_CLOUD_STACK_ID)""", CliArguments::stackId),
        SIMULATE("--simulate", "[SCENARIO]", """
                run against the built-in k6 Cloud simulator (the default when neither
                --api-url nor K6_CLOUD_TOKEN is given); without SCENARIO, the demo""", (text, name) -> text),
        HELP("--help", null, "print this help", (text, name) -> true);

        final String flag;
        final String value;
        final String help;
        final Parser parser;

        Option(String flag, String value, String help, Parser parser) {
            this.flag = flag;
            this.value = value;
            this.help = help;
            this.parser = parser;
        }
    }

    interface Parser {
        Object parse(String text, String name) throws UsageException;
    }

    private static final Map<String, String> ALIASES = Map.of("-h", "--help", "--api-flavor", "--api-flavour");

    public static final String USAGE = usage();

    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    /** {@code null} for an option not given. */
    @SuppressWarnings("unchecked")
    public <T> T get(Option option) {
        return (T) values.get(option);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Option option, T fallback) {
        return (T) values.getOrDefault(option, fallback);
    }

    public boolean has(Option option) {
        return values.containsKey(option);
    }

    public static CliArguments parse(String... args) throws UsageException {
        Map<Option, Object> values = new EnumMap<>(Option.class);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String given = eq > 0 ? arg.substring(0, eq) : arg;
            String name = ALIASES.getOrDefault(given, given);
            if (name.equals("--token") || name.equals("--api-token")) {
                throw new UsageException("The k6 Cloud API token is never given on the command line (it would show in"
                        + " the process list and the shell history): set " + K6CloudDefaults.TOKEN_VARIABLE
                        + " instead");
            }
            Option option = Arrays.stream(Option.values())
                    .filter(o -> o.flag.equals(name))
                    .findFirst()
                    .orElseThrow(() -> new UsageException(
                            arg.startsWith("-")
                                    ? "Unknown option " + name + ": see --help for the options"
                                    : "Unexpected argument '" + arg + "': options start with --, see --help"));
            boolean optional = option.value != null && option.value.startsWith("[");
            String next = i + 1 < args.length ? args[i + 1] : "--";
            String value = option.value == null
                    ? ""
                    : eq > 0 ? arg.substring(eq + 1) : !next.startsWith(optional ? "-" : "--") ? args[++i] : null;
            if (value == null && !optional) {
                throw new UsageException(name + " needs a value: see --help");
            }
            try {
                values.put(option, option.parser.parse(value == null ? "" : value, name));
            } catch (IllegalArgumentException e) { // from the API's and the engine's parsers and checks
                throw new UsageException(name + ": " + e.getMessage());
            }
        }
        CliArguments o = new CliArguments(values);
        if (o.has(Option.SIMULATE) && o.has(Option.API_URL)) {
            throw new UsageException("--simulate runs against the built-in simulator and --api-url against a real"
                    + " k6 Cloud: give one of them");
        }
        String byName = o.has(Option.TEST_NAME) ? "--test-name" : o.has(Option.PROJECT_ID) ? "--project-id" : null;
        if (byName != null && !o.has(Option.SCRIPT)) {
            throw new UsageException(byName
                    + " names the load test to create or update from a k6 script: give the script with --script FILE");
        }
        if (byName != null && o.has(Option.TEST_ID)) {
            throw new UsageException("--test-id chooses the load test whose script --script replaces; --test-name and"
                    + " --project-id choose one by name instead: give one of them");
        }
        return o;
    }

    private static String usage() {
        StringBuilder b = new StringBuilder("""
                Usage: bin/k6cloud [options]

                Starts a k6 Cloud load test run, follows it to the end and judges it like the Jenkins plugin does.

                Options:
                """);
        for (Option o : Option.values()) {
            String left = o.flag + (o.value == null ? "" : " " + o.value);
            b.append(String.format("  %-21s ", left))
                    .append(o.help.replace("\n", "\n" + " ".repeat(24)))
                    .append('\n');
        }
        return b.append("""

                        Durations are written like 2s, 90s, 5m, 1h or 1h30m.
                        The API token is read from the environment variable K6_CLOUD_TOKEN only, never from the
                        command line.

                        Exit codes: 0 passed, 99 thresholds failed, 97 run failed or aborted, 98 could not follow
                        the run (k6 Cloud unreachable, or the timeout), 104 configuration error (k6 Cloud refused
                        the start: token, stack id, load test id or API URL; or the script: k6 Cloud rejected it or
                        found it too large; no run was created), 105 interrupted (the run was stopped; interrupted
                        during the upload, no run is started), 2 wrong usage (also: --api-flavour v6 without a stack
                        id, a token that cannot be sent, a --script that is missing, empty or a directory, --script
                        with --api-flavour v2).
                        """).toString().replace("\n", System.lineSeparator());
    }

    private static Path path(String text, String name) throws UsageException {
        if (text.isBlank()) {
            throw new UsageException(name + " is empty: give the k6 script, e.g. load/checkout.js");
        }
        return Path.of(text);
    }

    /** The longest load test name Grafana Cloud k6 accepts (v6 {@code CreateLoadTestApiModel.name}). */
    static final int MAX_TEST_NAME = 300;

    static String testName(String text, String name) throws UsageException {
        if (text.isBlank()) {
            throw new UsageException(name + " is empty: give the name of the load test, e.g. checkout");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_TEST_NAME) {
            throw new UsageException(name + " has " + length + " characters; Grafana Cloud k6 takes at most "
                    + MAX_TEST_NAME + ": give a shorter name");
        }
        return text;
    }

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

    private static Duration pollInterval(String text, String name) {
        Duration d = DurationFormat.parse(text);
        RunSettings.checkPollInterval(d);
        return d;
    }
}
