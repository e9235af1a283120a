package io.jenkins.plugins.k6cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
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
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every Jelly view of the plugin: escaped by default, no scripts or frames, and every form field
 * has a getter on its Describable and a help file next to the view.
 */
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
    public void everyFieldHasAGetterAndAHelpFile() throws Exception {
        int fields = 0;
        for (Path view : views()) {
            Document doc = parse(view);
            NodeList all = doc.getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                if (!e.hasAttribute("field")) {
                    continue;
                }
                String field = e.getAttribute("field");
                Class<?> owner = ownerOf(view);
                assertNotNull(
                        view + ": no getter for field '" + field + "' on " + owner.getName(), getter(owner, field));
                assertTrue(
                        view + ": no help file for field '" + field + "'",
                        Files.isRegularFile(view.resolveSibling("help-" + field + ".html")));
                fields++;
            }
        }
        assertTrue("fields found: " + fields, fields >= 17);
    }

    @Test
    public void bothStepsHaveAHelpPage() throws Exception {
        Path root = root();
        assertTrue(Files.isRegularFile(root.resolve("K6CloudBuilder/help.html")));
        assertTrue(Files.isRegularFile(root.resolve("pipeline/K6CloudRunStep/help.html")));
        assertTrue(Files.isRegularFile(
                root.getParent().getParent().getParent().getParent().resolve("index.jelly")));
    }

    @Test
    public void everyHelpFileBelongsToAField() throws Exception {
        try (Stream<Path> files = Files.walk(root())) {
            List<Path> helps = files.filter(p -> p.getFileName().toString().startsWith("help-"))
                    .collect(Collectors.toList());
            for (Path help : helps) {
                String name = help.getFileName().toString();
                String field = name.substring("help-".length(), name.length() - ".html".length());
                String config = Files.readString(help.resolveSibling("config.jelly"), StandardCharsets.UTF_8);
                assertTrue(
                        help + " documents no field of " + help.resolveSibling("config.jelly"),
                        config.contains("field=\"" + field + "\""));
            }
        }
    }

    private static Method getter(Class<?> owner, String field) {
        String suffix = Character.toUpperCase(field.charAt(0)) + field.substring(1);
        for (String name : new String[] {"get" + suffix, "is" + suffix}) {
            try {
                Method m = owner.getMethod(name);
                if (Modifier.isPublic(m.getModifiers()) && m.getReturnType() != void.class) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        return null;
    }

    /** {@code .../io/jenkins/plugins/k6cloud/pipeline/K6CloudRunStep/config.jelly} belongs to that class. */
    private static Class<?> ownerOf(Path view) throws IOException, URISyntaxException, ClassNotFoundException {
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

    private static List<Path> views() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> p.toString().endsWith(".jelly"))
                    .sorted()
                    .collect(Collectors.toCollection(ArrayList::new));
        }
    }

    private static Path root() throws URISyntaxException {
        URL url = JellyViewsTest.class.getClassLoader().getResource(PACKAGE_DIR + "/Messages.properties");
        assertNotNull("the plugin's resources are not on the class path", url);
        assertEquals("file", url.getProtocol());
        return Paths.get(url.toURI()).getParent();
    }
}
