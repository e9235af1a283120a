package io.jenkins.plugins.k6cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Document;

/** Every Jelly view of the plugin: escaped by default, no scripts or frames, well-formed. */
public class JellyViewsTest {
    private static final String PACKAGE_DIR = "io/jenkins/plugins/k6cloud";

    @Test
    public void everyViewEscapesByDefaultAndHasNoScript() throws Exception {
        List<Path> views = views();
        assertTrue("views found: " + views, views.size() >= 5);
        for (Path view : views) {
            String text = Files.readString(view, StandardCharsets.UTF_8);
            assertTrue(
                    view + " must start with the escape-by-default declaration",
                    text.startsWith("<?jelly escape-by-default='true'?>"));
            String lower = text.toLowerCase(Locale.ROOT);
            assertFalse(view + " has a script", lower.contains("<script") || lower.contains("javascript:"));
            assertFalse(view + " has an inline event handler", lower.matches("(?s).*\\son[a-z]+\\s*=.*"));
            assertFalse(view + " has a frame", lower.contains("<iframe"));
            parse(view);
        }
    }

    @Test
    public void bothStepsHaveAHelpPage() throws Exception {
        Path root = root();
        assertTrue(Files.isRegularFile(root.resolve("builder/K6CloudBuilder/help.html")));
        assertTrue(Files.isRegularFile(root.resolve("pipeline/K6CloudRunStep/help.html")));
        assertTrue(Files.isRegularFile(
                root.getParent().getParent().getParent().getParent().resolve("index.jelly")));
    }

    /** {@code .../io/jenkins/plugins/k6cloud/pipeline/K6CloudRunStep/config.jelly} belongs to that class. */
    static Class<?> ownerOf(Path view) throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = root().getParent().getParent().getParent().getParent().relativize(view.getParent());
        String className = dir.toString().replace(dir.getFileSystem().getSeparator(), ".");
        return Class.forName(className);
    }

    private static Document parse(Path view) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(view.toFile());
    }

    static List<Path> views() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> p.toString().endsWith(".jelly"))
                    .sorted()
                    .collect(Collectors.toCollection(ArrayList::new));
        }
    }

    static Path root() throws URISyntaxException {
        URL url = JellyViewsTest.class.getClassLoader().getResource("index.jelly");
        assertNotNull("the plugin's resources are not on the class path", url);
        assertEquals("file", url.getProtocol());
        return Paths.get(url.toURI()).getParent().resolve(PACKAGE_DIR);
    }
}
