package io.jenkins.plugins.k6cloud.results;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The JUnit XML of thresholds and checks, checked against what the Jenkins JUnit plugin reads.
 *
 * <p>Why no XSD: JUnit XML has no normative schema. The XSDs in circulation (Ant's, Surefire's, the
 * "Jenkins JUnit" one of windyroad/JUnit-Schema) are descriptions of what one producer writes, none is
 * on Maven Central in a form this offline build can fetch, and none is what decides whether the
 * {@code junit} step accepts a file. What decides is the parser of jenkinsci/junit-plugin, so the
 * file is checked structurally against it: {@code hudson.tasks.junit.SuiteResult#parse} reads the root
 * with dom4j, takes nested {@code testsuite} elements or the root itself when it has {@code testcase}
 * children, reads {@code name} (else a name made from the file), {@code time}, and per
 * {@code testcase} its {@code classname} (else the suite's name); {@code CaseResult} reads
 * {@code name}, {@code time}, and a {@code failure} or {@code error} child with its {@code message}
 * attribute and text, or a {@code skipped} child. Every one of these is asserted below on a file
 * parsed by a strict, namespace-aware XML parser (no DTD), so the file is also well-formed XML 1.0.
 */
public class JUnitReportTest {
    private static final List<Threshold> THRESHOLDS = List.of(
            new Threshold("http_req_duration: p(95)<500", "p(95)", 812.7, true),
            new Threshold("http_req_failed: rate<0.01", "rate", 0.002, false),
            new Threshold("odd <&\"'> \u0001name", null, null, false));
    private static final List<RunMetrics.Check> CHECKS = List.of(
            new RunMetrics.Check("status is 200", 5988L, 12L, 0.998),
            new RunMetrics.Check("body has items", 6000L, 0L, 1.0),
            new RunMetrics.Check("no counts", null, null, null));

    /** The report {@link JUnitReport#write} writes, as a string. */
    private static String xml(String suite, List<Threshold> thresholds, List<RunMetrics.Check> checks)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JUnitReport.write(suite, thresholds, checks, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element c && c.getTagName().equals(name)) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Reads {@code xml} with the rules of the JUnit plugin's parser (see the class comment): the root
     * {@code testsuite} (or each {@code testsuite} of a {@code testsuites} root), and per
     * {@code testcase} a name, a classname (else the suite's name), a time that is a float and at most
     * one of {@code failure}, {@code error} and {@code skipped}. Fails on anything else.
     *
     * @return {@code classname.name} of each case and whether it failed (a failure or an error)
     */
    public static java.util.Map<String, Boolean> casesAsTheJUnitPluginReadsThem(String xml) throws Exception {
        Element root = parse(xml).getDocumentElement();
        List<Element> suites = root.getTagName().equals("testsuites") ? children(root, "testsuite") : List.of(root);
        assertEquals("testsuite", suites.isEmpty() ? "none" : suites.get(0).getTagName());
        java.util.Map<String, Boolean> cases = new java.util.LinkedHashMap<>();
        for (Element suite : suites) {
            if (suite.hasAttribute("time")) {
                Float.parseFloat(suite.getAttribute("time"));
            }
            for (Element c : children(suite, "testcase")) {
                assertTrue("a test case has a name", c.hasAttribute("name"));
                if (c.hasAttribute("time")) {
                    Float.parseFloat(c.getAttribute("time"));
                }
                int failures =
                        children(c, "failure").size() + children(c, "error").size();
                assertTrue(
                        "one outcome at most", failures + children(c, "skipped").size() <= 1);
                String classname =
                        c.hasAttribute("classname") ? c.getAttribute("classname") : suite.getAttribute("name");
                cases.put(classname + "." + c.getAttribute("name"), failures > 0);
            }
        }
        return cases;
    }

    @Test
    public void thresholdsAndChecksAreTestCasesTheJUnitPluginReads() throws Exception {
        String xml = xml("k6 Cloud: checkout (run 2000001)", THRESHOLDS, CHECKS);
        Element suite = parse(xml).getDocumentElement();

        assertEquals("testsuite", suite.getTagName());
        assertEquals("k6 Cloud: checkout (run 2000001)", suite.getAttribute("name"));
        assertEquals("6", suite.getAttribute("tests"));
        assertEquals("a crossed threshold and a failed check", "2", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
        assertEquals("1", suite.getAttribute("skipped"));
        Float.parseFloat(suite.getAttribute("time")); // SuiteResult reads it as a float
        List<Element> cases = children(suite, "testcase");
        assertEquals(6, cases.size());
        for (Element c : cases) {
            assertTrue(c.hasAttribute("classname"));
            assertTrue(c.hasAttribute("name"));
            Float.parseFloat(c.getAttribute("time"));
            assertTrue(
                    "one outcome at most",
                    children(c, "failure").size() + children(c, "skipped").size() <= 1);
            assertEquals(0, children(c, "error").size());
        }

        Element p95 = cases.get(0);
        assertEquals("k6.thresholds", p95.getAttribute("classname"));
        assertEquals("http_req_duration: p(95)<500", p95.getAttribute("name"));
        Element failure = children(p95, "failure").get(0);
        assertEquals("threshold crossed: http_req_duration: p(95)<500 (value 812.7)", failure.getAttribute("message"));
        assertEquals(failure.getAttribute("message"), failure.getTextContent());

        assertEquals(List.of(), children(cases.get(1), "failure"));
        assertEquals("value 0.002", children(cases.get(1), "system-out").get(0).getTextContent());
        assertEquals(
                "escaped, the control character dropped",
                "odd <&\"'> name",
                cases.get(2).getAttribute("name"));

        Element status = cases.get(3);
        assertEquals("k6.checks", status.getAttribute("classname"));
        assertEquals("status is 200", status.getAttribute("name"));
        assertEquals(
                "check failed 12 of 6000 evaluations failed (99.8 % passed)",
                children(status, "failure").get(0).getAttribute("message"));
        assertEquals(List.of(), children(cases.get(4), "failure"));
        assertNotNull(children(cases.get(5), "skipped").get(0).getAttribute("message"));
    }

    @Test
    public void checksThatCouldNotBeReadLeaveOnlyTheThresholds() throws Exception {
        Element suite = parse(xml("k6", THRESHOLDS.subList(0, 2), null)).getDocumentElement();

        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals(2, children(suite, "testcase").size());
    }

    @Test
    public void aRunWithoutThresholdsOrChecksIsAnEmptySuite() throws Exception {
        Element suite = parse(xml("k6", List.of(), List.of())).getDocumentElement();

        assertEquals("0", suite.getAttribute("tests"));
        assertEquals(List.of(), children(suite, "testcase"));
    }
}
