package io.jenkins.plugins.k6cloud.results;

import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.Threshold;
import io.jenkins.plugins.k6cloud.results.RunFigures.Unit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Thresholds and checks as JUnit XML, one test case each, in the shape jenkinsci/junit-plugin parses
 * ({@code hudson.tasks.junit.SuiteResult}, {@code CaseResult}).
 */
public final class JUnitReport {
    private JUnitReport() {}

    /** {@code checks}: {@code null} when they could not be read. */
    public static void write(String suite, List<Threshold> thresholds, List<RunMetrics.Check> checks, OutputStream out)
            throws IOException {
        List<RunMetrics.Check> checkList = checks == null ? List.of() : checks;
        StringBuilder cases = new StringBuilder();
        int failures = 0;
        int skipped = 0;
        for (Threshold t : thresholds) {
            String value = t.value() == null ? "no value" : "value " + Unit.PLAIN.format(t.value());
            failures += t.passed() ? 0 : 1;
            String result = t.passed()
                    ? systemOut(value)
                    : failure("threshold crossed: " + t.name() + " (" + value + ")", "threshold");
            cases.append(testCase("k6.thresholds", t.name(), result));
        }
        for (RunMetrics.Check c : checkList) {
            long fails = c.failures() == null ? 0 : c.failures();
            String rate = c.successRate() == null ? "" : " (" + Unit.RATE.format(c.successRate()) + " passed)";
            String counts = String.format(
                    Locale.ROOT,
                    "%d of %d evaluations failed%s",
                    fails,
                    fails + (c.successes() == null ? 0 : c.successes()),
                    rate);
            skipped += c.failures() == null ? 1 : 0;
            failures += fails > 0 ? 1 : 0;
            String result = c.failures() == null
                    ? "<skipped message=\"k6 Cloud reported no counts for this check\"/>"
                    : fails > 0 ? failure("check failed " + counts, "check") : systemOut(counts);
            cases.append(testCase("k6.checks", c.name(), result));
        }
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + tag(
                        "<testsuite name='%s' tests='%s' failures='%s' errors='0' skipped='%s' time='0'>",
                        esc(suite), thresholds.size() + checkList.size(), failures, skipped)
                + cases + "\n</testsuite>\n";
        out.write(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String testCase(String classname, String name, String result) {
        return tag("\n  <testcase classname='%s' name='%s' time='0'>%s</testcase>", classname, esc(name), result);
    }

    private static String failure(String message, String type) {
        return tag("<failure message='%s' type='%s'>%s</failure>", esc(message), type, esc(message));
    }

    private static String systemOut(String text) {
        return "<system-out>" + esc(text) + "</system-out>";
    }

    /** {@code '} becomes {@code "}; {@code values} go in as they are: escape text first ({@link #esc}). */
    static String tag(String template, Object... values) {
        return String.format(Locale.ROOT, template.replace('\'', '"'), values);
    }

    /** Also drops the characters XML 1.0 cannot hold. */
    static String esc(String text) {
        StringBuilder b = new StringBuilder();
        (text == null ? "" : text)
                .codePoints()
                .filter(c -> c == 0x9
                        || c == 0xA
                        || c == 0xD
                        || (c >= 0x20 && c <= 0xD7FF)
                        || (c >= 0xE000 && c <= 0xFFFD)
                        || c >= 0x10000)
                .forEach(b::appendCodePoint);
        return b.toString()
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
