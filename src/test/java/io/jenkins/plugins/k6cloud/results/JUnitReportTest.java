package io.jenkins.plugins.k6cloud.results;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.k6cloud.api.RunMetrics;
import io.jenkins.plugins.k6cloud.api.Threshold;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
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

    private static String xml(List<Threshold> thresholds, List<RunMetrics.Check> checks) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JUnitReport.write("k6 Cloud: checkout (run 2000001)", thresholds, checks, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Reads {@code xml} with the rules of the JUnit plugin's parser: a {@code testsuite} with a float
     * {@code time}, and per {@code testcase} a name, a classname (else the suite's name), a float time and at
     * most one of {@code failure}, {@code error} and {@code skipped}. Fails on anything else.
     *
     * @return {@code classname.name} of each case and whether it failed (a failure or an error)
     */
    public static Map<String, Boolean> casesAsTheJUnitPluginReadsThem(String xml) throws Exception {
        Element suite = parse(xml).getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        Float.parseFloat(suite.getAttribute("time"));
        Map<String, Boolean> cases = new LinkedHashMap<>();
        NodeList testCases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < testCases.getLength(); i++) {
            Element c = (Element) testCases.item(i);
            assertTrue("a test case has a name", c.hasAttribute("name"));
            Float.parseFloat(c.getAttribute("time"));
            int failures = c.getElementsByTagName("failure").getLength()
                    + c.getElementsByTagName("error").getLength();
            assertTrue(
                    "one outcome at most",
                    failures + c.getElementsByTagName("skipped").getLength() <= 1);
            String classname = c.hasAttribute("classname") ? c.getAttribute("classname") : suite.getAttribute("name");
            cases.put(classname + "." + c.getAttribute("name"), failures > 0);
        }
        return cases;
    }

    @Test
    public void thresholdsAndChecksAreTestCasesTheJUnitPluginReads() throws Exception {
        String xml = xml(THRESHOLDS, CHECKS);

        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="k6 Cloud: checkout (run 2000001)" tests="6" failures="2" errors="0" skipped="1" \
                time="0">
                  <testcase classname="k6.thresholds" name="http_req_duration: p(95)&lt;500" time="0"><failure \
                message="threshold crossed: http_req_duration: p(95)&lt;500 (value 812.7)" type="threshold">threshold \
                crossed: http_req_duration: p(95)&lt;500 (value 812.7)</failure></testcase>
                  <testcase classname="k6.thresholds" name="http_req_failed: rate&lt;0.01" time="0"><system-out>value \
                0.002</system-out></testcase>
                  <testcase classname="k6.thresholds" name="odd &lt;&amp;&quot;&#39;&gt; name" time="0"><system-out>no \
                value</system-out></testcase>
                  <testcase classname="k6.checks" name="status is 200" time="0"><failure message="check failed 12 of \
                6000 evaluations failed (99.8 % passed)" type="check">check failed 12 of 6000 evaluations failed \
                (99.8 % passed)</failure></testcase>
                  <testcase classname="k6.checks" name="body has items" time="0"><system-out>0 of 6000 evaluations \
                failed (100 % passed)</system-out></testcase>
                  <testcase classname="k6.checks" name="no counts" time="0"><skipped message="k6 Cloud reported no \
                counts for this check"/></testcase>
                </testsuite>
                """, xml);
        assertEquals(
                "escaped, the control character dropped; a skipped case is not failed",
                Map.of(
                        "k6.thresholds.http_req_duration: p(95)<500", true,
                        "k6.thresholds.http_req_failed: rate<0.01", false,
                        "k6.thresholds.odd <&\"'> name", false,
                        "k6.checks.status is 200", true,
                        "k6.checks.body has items", false,
                        "k6.checks.no counts", false),
                casesAsTheJUnitPluginReadsThem(xml));
    }

    @Test
    public void checksThatCouldNotBeReadLeaveOnlyTheThresholdsAndNothingIsAnEmptySuite() throws Exception {
        Map<String, Boolean> cases = casesAsTheJUnitPluginReadsThem(xml(THRESHOLDS.subList(0, 2), null));
        assertEquals(
                Map.of(
                        "k6.thresholds.http_req_duration: p(95)<500",
                        true,
                        "k6.thresholds.http_req_failed:" + " rate<0.01",
                        false),
                cases);
        assertThat(
                xml(THRESHOLDS.subList(0, 2), null),
                containsString("tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\""));
        assertEquals(Map.of(), casesAsTheJUnitPluginReadsThem(xml(List.of(), List.of())));
        assertThat(xml(List.of(), List.of()), containsString("tests=\"0\" failures=\"0\""));
    }
}
