package io.jenkins.plugins.k6cloud.results;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The JUnit XML of thresholds and checks. JUnit XML has no normative schema: what decides is the parser of
 * jenkinsci/junit-plugin ({@code hudson.tasks.junit.SuiteResult#parse}, {@code CaseResult}), so the file is
 * read here with its rules, by a strict, namespace-aware parser without DTDs (so it is well-formed XML 1.0).
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

    private static Element suite(List<Threshold> thresholds, List<RunMetrics.Check> checks) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JUnitReport.write("k6 Cloud: checkout (run 2000001)", thresholds, checks, out);
        String xml = out.toString(StandardCharsets.UTF_8);
        casesAsTheJUnitPluginReadsThem(xml);
        return parse(xml).getDocumentElement();
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
     * Reads {@code xml} with the rules of the JUnit plugin's parser: the root {@code testsuite} (or each of a
     * {@code testsuites} root), a {@code time} that is a float, and per {@code testcase} a name, a classname
     * (else the suite's name), a float time and at most one of {@code failure}, {@code error} and
     * {@code skipped}. Fails on anything else.
     *
     * @return {@code classname.name} of each case and whether it failed (a failure or an error)
     */
    public static Map<String, Boolean> casesAsTheJUnitPluginReadsThem(String xml) throws Exception {
        Element root = parse(xml).getDocumentElement();
        List<Element> suites = root.getTagName().equals("testsuites") ? children(root, "testsuite") : List.of(root);
        assertEquals("testsuite", suites.isEmpty() ? "none" : suites.get(0).getTagName());
        Map<String, Boolean> cases = new LinkedHashMap<>();
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
        Element suite = suite(THRESHOLDS, CHECKS);

        assertEquals("k6 Cloud: checkout (run 2000001)", suite.getAttribute("name"));
        assertEquals(
                List.of("6", "2", "0", "1", "0"),
                List.of("tests", "failures", "errors", "skipped", "time").stream()
                        .map(suite::getAttribute)
                        .toList());
        // per case: classname.name, then its failure message, system-out or skipped message
        List<String> cases = new ArrayList<>();
        for (Element c : children(suite, "testcase")) {
            assertEquals("0", c.getAttribute("time"));
            cases.add(c.getAttribute("classname") + "." + c.getAttribute("name"));
            for (Element outcome : children(c, "failure")) {
                assertEquals(outcome.getAttribute("message"), outcome.getTextContent());
                cases.add("failure: " + outcome.getAttribute("message"));
            }
            children(c, "system-out").forEach(e -> cases.add("out: " + e.getTextContent()));
            children(c, "skipped").forEach(e -> cases.add("skipped: " + e.getAttribute("message")));
        }
        assertEquals(
                List.of(
                        "k6.thresholds.http_req_duration: p(95)<500",
                        "failure: threshold crossed: http_req_duration: p(95)<500 (value 812.7)",
                        "k6.thresholds.http_req_failed: rate<0.01",
                        "out: value 0.002",
                        "k6.thresholds.odd <&\"'> name", // escaped, the control character dropped
                        "out: no value",
                        "k6.checks.status is 200",
                        "failure: check failed 12 of 6000 evaluations failed (99.8 % passed)",
                        "k6.checks.body has items",
                        "out: 0 of 6000 evaluations failed (100 % passed)",
                        "k6.checks.no counts",
                        "skipped: k6 Cloud reported no counts for this check"),
                cases);
    }

    @Test
    public void checksThatCouldNotBeReadLeaveOnlyTheThresholdsAndNothingIsAnEmptySuite() throws Exception {
        Element suite = suite(THRESHOLDS.subList(0, 2), null);
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals(2, children(suite, "testcase").size());

        Element empty = suite(List.of(), List.of());
        assertEquals("0", empty.getAttribute("tests"));
        assertEquals(List.of(), children(empty, "testcase"));
    }
}
