package io.jenkins.plugins.k6cloud.config;

import static org.junit.Assert.assertEquals;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Rule;
import org.junit.Test;

/** The global configuration through configuration-as-code: {@code unclassified: k6Cloud: ...} in and out. */
public class ConfigurationAsCodeJenkinsTest {
    @Rule
    public JenkinsConfiguredWithCodeRule j = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    public void importsEverySettingAndExportsWhatWasImported() throws Exception {
        K6CloudGlobalConfigurationJenkinsTest.assertConfigured(K6CloudGlobalConfiguration.get());
        // only our section: an export problem elsewhere in Jenkins must not fail this test
        assertEquals(k6CloudSection(resource("configuration-as-code.yml")), k6CloudSection(j.exportToString(false)));
    }

    /**
     * The {@code key: value} entries under {@code k6Cloud:}, unquoted: the comparison does not
     * depend on how the exporter orders keys or quotes a string.
     */
    private static Map<String, String> k6CloudSection(String yaml) {
        List<String> lines = yaml.lines().toList();
        int start = lines.indexOf("  k6Cloud:");
        if (start < 0) {
            throw new AssertionError("no k6Cloud section:\n" + yaml);
        }
        Map<String, String> entries = new TreeMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (!line.startsWith("    ")) {
                break;
            }
            String[] kv = line.strip().split(": ", 2);
            entries.put(kv[0], kv[1].replaceAll("^\"(.*)\"$", "$1"));
        }
        return entries;
    }

    private String resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
