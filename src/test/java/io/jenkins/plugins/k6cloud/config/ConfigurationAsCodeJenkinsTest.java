package io.jenkins.plugins.k6cloud.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;

/** The global configuration through configuration-as-code: {@code unclassified: k6Cloud: ...} in and out. */
public class ConfigurationAsCodeJenkinsTest {
    private static final String SECTION = "  k6Cloud:";
    private static final String ENTRY_INDENT = "    ";

    @Rule
    public JenkinsConfiguredWithCodeRule j = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    public void importsEverySetting() {
        K6CloudGlobalConfiguration config = K6CloudGlobalConfiguration.get();
        assertEquals("https://api.k6.example.com", config.getApiUrl());
        assertEquals("https://app.k6.example.com", config.getWebAppUrl());
        assertEquals("4242", config.getStackId());
        assertEquals("k6-cloud-token", config.getCredentialsId());
        assertEquals("10s", config.getPollInterval());
        assertEquals("45m", config.getTimeout());
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    public void exportsWhatWasImported() throws Exception {
        String expected = resource("configuration-as-code-export.yml");
        // not strict: an export problem elsewhere in Jenkins must not fail this test; one in our section does
        assertEquals(entries(expected), entries(k6CloudSection(j.exportToString(false))));
    }

    /** The lines of the {@code unclassified: k6Cloud:} mapping in an export, without their indentation. */
    private static String k6CloudSection(String export) {
        List<String> lines = export.lines().collect(Collectors.toList());
        int start = lines.indexOf(SECTION);
        if (start < 0) {
            throw new AssertionError("the export has no k6Cloud section:\n" + export);
        }
        StringBuilder section = new StringBuilder();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (!line.startsWith(ENTRY_INDENT)) {
                break;
            }
            section.append(line.substring(ENTRY_INDENT.length())).append('\n');
        }
        return section.toString();
    }

    /**
     * The {@code key: value} lines of a flat YAML mapping, with quotes removed: the comparison
     * does not depend on how the exporter orders keys or chooses to quote a string.
     */
    private static Map<String, String> entries(String yaml) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : yaml.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(": ");
            if (colon < 0) {
                throw new AssertionError("not a 'key: value' line: " + line);
            }
            String value = line.substring(colon + 2).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            entries.put(line.substring(0, colon), value);
        }
        return entries;
    }

    private String resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            assertNotNull("missing test resource " + name, in);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
