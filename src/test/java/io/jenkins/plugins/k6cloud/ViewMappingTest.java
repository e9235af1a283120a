package io.jenkins.plugins.k6cloud;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import hudson.model.Describable;
import hudson.model.Descriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What {@code jelly-check} cannot see without the classes: each form field is a bound property of its class with a
 * {@code help-FIELD.html} ({@code Descriptor.getHelpFile}); each help file, form method ({@code doCheckX},
 * {@code doFillXItems}, {@code doAutoCompleteX}, their {@code @QueryParameter}s: {@code Descriptor.calcFillSettings})
 * and {@code f:validateButton} names a field; each {@code ${%key}} has its text: Stapler's
 * {@code ResourceBundle.format} prints a key without an entry as it is and drops its arguments, so a key with
 * arguments or one that reads as an identifier needs an entry, a {@link MessageFormat} using no missing argument.
 */
public class ViewMappingTest {
    static final Path SUMMARY = Path.of("target", "view-mapping-summary.txt");

    private static final Pattern TEXT_KEY = Pattern.compile("\\$\\{%([^(}]+)(?:\\(([^}]*)\\))?}");
    private static final Pattern IDENTIFIER = Pattern.compile("\\S*([a-z][A-Z]|\\w\\.\\w|_)\\S*");
    private static final List<String> FORM_METHOD_PREFIXES = List.of("doCheck", "doFill", "doAutoComplete");

    @Test
    public void everyViewMatchesItsClass() throws Exception {
        Mapping m = new Mapping();
        Path resources =
                JellyViewsTest.root().getParent().getParent().getParent().getParent();
        for (Path view : JellyViewsTest.views()) {
            String name = view.getFileName().toString();
            String where = resources.relativize(view).toString();
            String text = Files.readString(view, StandardCharsets.UTF_8);
            Class<?> owner = JellyViewsTest.ownerOf(view);
            if (name.equals("config.jelly") || name.equals("global.jelly")) {
                m.form(where, text, owner, helpFiles(view.getParent()));
            }
            m.texts(where, text, properties(view));
        }
        assertThat(m.problems, empty());
        assertEquals("config views", 3, m.forms);
        assertTrue("fields: " + m.fields, m.fields >= 17);
        assertEquals("help files", m.fields, m.helpFiles);
        assertTrue("form methods: " + m.formMethods, m.formMethods >= 10);
        String line = String.format(
                "view-mapping: %d config views, %d fields with a getter and a setter and %d help files, "
                        + "%d form methods and %d button(s) naming them, %d ${%%key} texts (%d from .properties): all match",
                m.forms, m.fields, m.helpFiles, m.formMethods, m.buttons, m.texts, m.propertyTexts);
        System.out.println(line);
        Files.createDirectories(SUMMARY.getParent());
        Files.writeString(SUMMARY, line + System.lineSeparator(), StandardCharsets.UTF_8);
    }

    @Test
    public void aFieldThatIsNoPropertyOfItsClassIsReported() throws Exception {
        Mapping m = new Mapping();
        m.form(
                "Fixture/config.jelly",
                "<j:jelly xmlns:j='jelly:core' xmlns:f='/lib/form'>"
                        + "<f:entry field='name'><f:textbox/></f:entry>"
                        + "<f:entry field='missing'><f:textbox/></f:entry>"
                        + "<f:entry field='readOnly'><f:textbox/></f:entry>"
                        + "<f:validateButton method='probe' with='name'/>"
                        + "</j:jelly>",
                Fixture.class,
                Set.of("help-name.html", "help-missing.html", "help-readOnly.html", "help-gone.html", "help.html"));
        assertThat(m.problems, hasItem(containsString("field 'missing' has no public getter")));
        assertThat(m.problems, hasItem(containsString("field 'readOnly' is set by neither")));
        assertThat(m.problems, hasItem(containsString("help-gone.html belongs to no field")));
        assertThat(m.problems, hasItem(containsString("doCheckGone names no field")));
        assertThat(m.problems, hasItem(containsString("doFillNameItems sends 'other'")));
        assertThat(m.problems, hasItem(containsString("doProbe takes 'other'")));
        assertThat(m.problems.toString(), m.problems, hasSize(6));
    }

    @Test
    public void aTextThatCannotStandForItselfIsReported() throws Exception {
        Mapping m = new Mapping();
        Properties p = new Properties();
        p.load(new StringReader("known=Run {0} of {1}\nshort=Run {0} of {2}\n"));
        m.texts(
                "Fixture/view.jelly",
                "<div title='${%Plain English text}'>${%known(a, b)} ${%short(a, b)} ${%unknown(a)} "
                        + "${%linkTitle} ${%yes}</div>",
                p);
        assertThat(m.problems, hasItem(containsString("${%short} uses argument {2}")));
        assertThat(m.problems, hasItem(containsString("${%unknown} has arguments")));
        assertThat(m.problems, hasItem(containsString("${%linkTitle} reads as an identifier")));
        assertThat(m.problems.toString(), m.problems, hasSize(3));
    }

    /** Collects what does not match, and counts what does. */
    static final class Mapping {
        final List<String> problems = new ArrayList<>();
        int forms;
        int fields;
        int helpFiles;
        int formMethods;
        int buttons;
        int texts;
        int propertyTexts;

        void form(String view, String xml, Class<?> owner, Set<String> helps) throws Exception {
            forms++;
            Document doc = parse(xml);
            Set<String> fieldNames = new LinkedHashSet<>();
            List<Element> validateButtons = new ArrayList<>();
            NodeList all = doc.getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                if (e.hasAttribute("field")) {
                    fieldNames.add(e.getAttribute("field"));
                }
                if (e.getTagName().endsWith(":validateButton")) {
                    validateButtons.add(e);
                }
            }
            for (String field : fieldNames) {
                fields++;
                if (getter(owner, field) == null) {
                    problems.add(view + ": field '" + field + "' has no public getter on " + owner.getName());
                } else if (!boundConstructorParameters(owner).contains(field) && !hasBoundSetter(owner, field)) {
                    problems.add(view + ": field '" + field + "' is set by neither the @DataBoundConstructor nor a "
                            + "@DataBoundSetter of " + owner.getName() + ": the form would not save it");
                }
                if (!helps.contains("help-" + field + ".html")) {
                    problems.add(view + ": field '" + field + "' has no help-" + field + ".html");
                }
            }
            for (String help : helps) {
                Matcher h = Pattern.compile("help-(.+?)(_[a-z]{2}(_[A-Z]{2})?)?\\.html")
                        .matcher(help);
                if (h.matches()) {
                    helpFiles++;
                    if (!fieldNames.contains(h.group(1))) {
                        problems.add(view + ": " + help + " belongs to no field of the view");
                    }
                }
            }
            Class<?> descriptor = descriptorOf(owner);
            if (descriptor == null) {
                problems.add(view + ": " + owner.getName() + " has no Descriptor");
                return;
            }
            for (Method method : descriptor.getMethods()) {
                String field = formMethodField(method.getName());
                if (field == null) {
                    continue;
                }
                formMethods++;
                String where = descriptor.getSimpleName() + "." + method.getName();
                if (!fieldNames.contains(field)) {
                    problems.add(view + ": " + where + " names no field of the view");
                }
                for (String sent : queryParameters(method)) {
                    if (!sent.equals("value") && !fieldNames.contains(sent)) {
                        problems.add(view + ": " + where + " sends '" + sent + "', which is no field of the view");
                    }
                }
            }
            for (Element e : validateButtons) {
                button(view, e, descriptor, fieldNames);
            }
        }

        private void button(String view, Element e, Class<?> descriptor, Set<String> fieldNames) {
            buttons++;
            String name = "do" + capitalize(e.getAttribute("method"));
            Method method = Arrays.stream(descriptor.getMethods())
                    .filter(m -> m.getName().equals(name))
                    .findFirst()
                    .orElse(null);
            if (method == null) {
                problems.add(view + ": the button's method " + name + " is not on " + descriptor.getName());
                return;
            }
            Set<String> with =
                    new TreeSet<>(Arrays.asList(e.getAttribute("with").split("\\s*,\\s*")));
            with.remove("");
            for (String w : with) {
                if (!fieldNames.contains(w)) {
                    problems.add(view + ": the button sends '" + w + "', which is no field of the view");
                }
            }
            for (String p : queryParameters(method)) {
                if (!with.contains(p)) {
                    problems.add(view + ": " + name + " takes '" + p + "', which the button does not send");
                }
            }
        }

        void texts(String view, String text, Properties entries) {
            Matcher k = TEXT_KEY.matcher(text);
            while (k.find()) {
                texts++;
                String key = k.group(1).trim();
                String args = k.group(2);
                int argCount = args == null || args.isBlank() ? 0 : args.split(",").length;
                String entry = entries.getProperty(key);
                if (entry == null || entry.isEmpty()) {
                    if (argCount > 0) {
                        problems.add(view + ": ${%" + key + "} has arguments but no entry in the view's "
                                + ".properties, so Jenkins would print the bare key");
                    } else if (IDENTIFIER.matcher(key).matches()) {
                        problems.add(view + ": ${%" + key + "} reads as an identifier but has no entry in the "
                                + "view's .properties, so Jenkins would print it as it is");
                    }
                    continue;
                }
                propertyTexts++;
                try {
                    int used = new MessageFormat(entry).getFormatsByArgumentIndex().length;
                    if (used > argCount) {
                        problems.add(view + ": ${%" + key + "} uses argument {" + (used - 1) + "} but the view passes "
                                + argCount);
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(view + ": the text of ${%" + key + "} is no MessageFormat: " + e.getMessage());
                }
            }
        }
    }

    /** {@code doCheckTestId} names {@code testId}, as {@code Descriptor.getCheckMethod} does; else {@code null}. */
    private static String formMethodField(String method) {
        for (String prefix : FORM_METHOD_PREFIXES) {
            if (method.startsWith(prefix) && method.length() > prefix.length()) {
                String rest = method.substring(prefix.length());
                if (prefix.equals("doFill")) {
                    if (!rest.endsWith("Items") || rest.length() == "Items".length()) {
                        return null;
                    }
                    rest = rest.substring(0, rest.length() - "Items".length());
                }
                return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
            }
        }
        return null;
    }

    /** The names Jenkins sends a form method: {@code @QueryParameter("name")}, or the parameter's own name. */
    private static List<String> queryParameters(Method method) {
        List<String> names = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            QueryParameter q = p.getAnnotation(QueryParameter.class);
            if (q != null) {
                names.add(q.value().isEmpty() ? parameterName(p) : q.value());
            }
        }
        return names;
    }

    private static String parameterName(Parameter p) {
        assertTrue("compile with -parameters (the parent POM sets maven.compiler.parameters): " + p, p.isNamePresent());
        return p.getName();
    }

    private static Method getter(Class<?> owner, String field) {
        for (Method m : owner.getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            boolean get = m.getName().equals("get" + capitalize(field)) && m.getReturnType() != void.class;
            boolean is = m.getName().equals("is" + capitalize(field)) && m.getReturnType() == boolean.class;
            if (get || is) {
                return m;
            }
        }
        return null;
    }

    private static Set<String> boundConstructorParameters(Class<?> owner) {
        Set<String> names = new TreeSet<>();
        for (Constructor<?> c : owner.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                Arrays.stream(c.getParameters())
                        .map(ViewMappingTest::parameterName)
                        .forEach(names::add);
            }
        }
        return names;
    }

    private static boolean hasBoundSetter(Class<?> owner, String field) {
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().equals("set" + capitalize(field))) {
                    return true;
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(DataBoundSetter.class) && f.getName().equals(field)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The class itself when it is a Descriptor (a GlobalConfiguration), else its nested Descriptor. */
    private static Class<?> descriptorOf(Class<?> owner) {
        if (Descriptor.class.isAssignableFrom(owner)) {
            return owner;
        }
        return Arrays.stream(owner.getDeclaredClasses())
                .filter(Descriptor.class::isAssignableFrom)
                .findFirst()
                .orElse(null);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toTitleCase(s.charAt(0)) + s.substring(1);
    }

    private static Set<String> helpFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("help") && n.endsWith(".html"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The default-locale {@code .properties} beside a view, as Stapler's ResourceBundle reads it. */
    private static Properties properties(Path view) throws IOException {
        String name = view.getFileName().toString();
        Path file = view.resolveSibling(name.substring(0, name.length() - ".jelly".length()) + ".properties");
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        return p;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** A Describable with one property ({@code name}), one read-only value and form methods that miss. */
    public static final class Fixture implements Describable<Fixture> {
        private final String name;

        @DataBoundConstructor
        public Fixture(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }

        public String getReadOnly() {
            return "";
        }

        public static final class DescriptorImpl extends Descriptor<Fixture> {
            public String doCheckName(@QueryParameter String value) {
                return value;
            }

            public String doCheckGone(@QueryParameter String value) {
                return value;
            }

            public List<String> doFillNameItems(@QueryParameter String other) {
                return List.of(other);
            }

            public String doProbe(@QueryParameter String name, @QueryParameter String other) {
                return name + other;
            }
        }
    }
}
