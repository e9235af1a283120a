package io.jenkins.plugins.k6cloud.results;

import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a run's thresholds and top-level checks as JUnit XML, one test case each, failed when the
 * threshold was crossed or the check failed at least once; so that the {@code junit} step and every
 * tool that reads JUnit see them. The shape is the one the Jenkins JUnit plugin parses
 * ({@code hudson.tasks.junit.SuiteResult} and {@code CaseResult} in jenkinsci/junit-plugin): a
 * {@code testsuite} with {@code name}, {@code tests}, {@code failures}, {@code errors},
 * {@code skipped} and {@code time}; {@code testcase} elements with {@code classname}, {@code name}
 * and {@code time}; a {@code failure} with a {@code message} attribute and the details as text.
 */
public final class JUnitReport {
    static final String THRESHOLDS = "k6.thresholds";
    static final String CHECKS = "k6.checks";

    private JUnitReport() {}

    /**
     * @param suite the suite's name, e.g. {@code k6 Cloud: checkout (run 123)}
     * @param thresholds the run's thresholds (may be empty)
     * @param checks the run's top-level checks, or {@code null} when they could not be read
     */
    public static void write(String suite, List<Threshold> thresholds, List<RunMetrics.Check> checks, OutputStream out)
            throws IOException {
        List<RunMetrics.Check> checkList = checks == null ? List.of() : checks;
        long failures = thresholds.stream().filter(t -> !t.passed()).count()
                + checkList.stream().filter(JUnitReport::checkFailed).count();
        long skipped = checkList.stream().filter(c -> c.failures() == null).count();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", clean(suite));
            x.writeAttribute("tests", Long.toString(thresholds.size() + checkList.size()));
            x.writeAttribute("failures", Long.toString(failures));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", Long.toString(skipped));
            x.writeAttribute("time", "0");
            for (Threshold t : thresholds) {
                x.writeCharacters("\n  ");
                start(x, THRESHOLDS, t.name());
                String value = t.value() == null ? "no value" : "value " + Figure.format(t.value(), Figure.Unit.PLAIN);
                if (!t.passed()) {
                    failure(x, "threshold crossed: " + t.name() + " (" + value + ")", "threshold");
                } else {
                    systemOut(x, value);
                }
                x.writeEndElement();
            }
            for (RunMetrics.Check c : checkList) {
                x.writeCharacters("\n  ");
                start(x, CHECKS, c.name());
                String counts = counts(c);
                if (c.failures() == null) {
                    x.writeEmptyElement("skipped");
                    x.writeAttribute("message", "k6 Cloud reported no counts for this check");
                } else if (checkFailed(c)) {
                    failure(x, "check failed " + counts, "check");
                } else {
                    systemOut(x, counts);
                }
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("Could not write the JUnit report: " + e.getMessage(), e);
        }
    }

    private static boolean checkFailed(RunMetrics.Check c) {
        return c.failures() != null && c.failures() > 0;
    }

    /** {@code 12 of 2400 evaluations failed (99.50 % passed)}. */
    private static String counts(RunMetrics.Check c) {
        long fails = c.failures() == null ? 0 : c.failures();
        long total = fails + (c.successes() == null ? 0 : c.successes());
        String rate =
                c.successRate() == null ? "" : " (" + Figure.format(c.successRate(), Figure.Unit.RATE) + " passed)";
        return String.format(Locale.ROOT, "%d of %d evaluations failed%s", fails, total, rate);
    }

    private static void start(XMLStreamWriter x, String classname, String name) throws XMLStreamException {
        x.writeStartElement("testcase");
        x.writeAttribute("classname", classname);
        x.writeAttribute("name", clean(name));
        x.writeAttribute("time", "0");
    }

    private static void failure(XMLStreamWriter x, String message, String type) throws XMLStreamException {
        x.writeStartElement("failure");
        x.writeAttribute("message", clean(message));
        x.writeAttribute("type", type);
        x.writeCharacters(clean(message));
        x.writeEndElement();
    }

    private static void systemOut(XMLStreamWriter x, String text) throws XMLStreamException {
        x.writeStartElement("system-out");
        x.writeCharacters(clean(text));
        x.writeEndElement();
    }

    /** {@code text} without the characters XML 1.0 cannot hold (control characters but tab and line breaks). */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints()
                .filter(c -> c == 0x9
                        || c == 0xA
                        || c == 0xD
                        || (c >= 0x20 && c <= 0xD7FF)
                        || (c >= 0xE000 && c <= 0xFFFD)
                        || c >= 0x10000)
                .forEach(b::appendCodePoint);
        return b.toString();
    }
}
